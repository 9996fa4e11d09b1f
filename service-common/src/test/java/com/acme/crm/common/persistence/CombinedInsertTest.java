package com.acme.crm.common.persistence;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statement CombinedInsert writes: earlier tables as CTEs, the last as the statement's insert, a parameter per value. */
class CombinedInsertTest {

    @Test
    void oneTableIsAPlainInsertWithARowPerTuple() {
        CombinedInsert insert = new CombinedInsert().into("note", List.of("id", "text"),
                List.of(new Object[]{1, "a"}, new Object[]{2, null}), "on conflict do nothing");
        assertEquals("insert into note (id, text) values (:p0, :p1), (:p2, :p3) on conflict do nothing", insert.sql());
    }

    @Test
    void earlierTablesBecomeCtesInOrderAndEmptyOnesAreLeftOut() {
        CombinedInsert insert = new CombinedInsert()
                .into("account", List.of("id"), List.<Object[]>of(new Object[]{"a"}))
                .into("contact", List.of("id", "account_id"), List.of())
                .into("link", List.of("record_id"), List.of(new Object[]{"a"}, new Object[]{"c"}))
                .into("other", List.of("id"), List.<Object[]>of(new Object[]{"o"}));
        assertEquals("""
                with t0 as (insert into account (id) values (:p0))
                , t1 as (insert into link (record_id) values (:p1), (:p2))
                insert into other (id) values (:p3)""", insert.sql());
    }

    @Test
    void rowsAddedLaterForATableJoinItsInsert_soABatchMakesOneInsertPerTable() {
        CombinedInsert insert = new CombinedInsert()
                .into("opportunity", List.of("id"), List.<Object[]>of(new Object[]{"o1"}))
                .into("note", List.of("id"), List.<Object[]>of(new Object[]{"n1"}))
                .into("opportunity", List.of("id"), List.<Object[]>of(new Object[]{"o2"}))
                .into("note", List.of("id"), List.<Object[]>of(new Object[]{"n2"}));
        assertEquals("""
                with t0 as (insert into opportunity (id) values (:p0), (:p1))
                insert into note (id) values (:p2), (:p3)""", insert.sql());
        assertEquals(4, insert.parameters());
    }

    @Test
    void nothingToInsertIsEmptyAndARowOfTheWrongWidthIsRefused() {
        assertTrue(new CombinedInsert().into("t", List.of("a"), List.of()).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> new CombinedInsert().into("t", List.of("a", "b"), List.<Object[]>of(new Object[]{1})));
    }
}
