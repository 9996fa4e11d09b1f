package com.acme.crm.common.persistence;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How writers' statements are joined into one (plain: the text and parameters; the database's side is WriteBehindJoinTest's). */
class JoinedWritesTest {

    @Test
    void eachPartBecomesACteOfItsOwn_itsParametersAndCtesPrefixed_andTheStatementCountsEachPartsRows() {
        JoinedWrites.Statement joined = JoinedWrites.of(List.of(
                WriteStatement.of("""
                        with given as (select r from jsonb_array_elements(cast(cast(:rows as text) as jsonb)) as given(r))
                        update lead l set state = r ->> 'state' from given
                        where l.id = any(array(select cast(r ->> 'id' as uuid) from given)) and l.id = cast(r ->> 'id' as uuid)""",
                        Map.of("rows", "[1]")),
                WriteStatement.of("insert into outbox_message (topic, payload) select r ->> 'topic', p from "
                        + "rows from (jsonb_array_elements(cast(cast(:rows as text) as jsonb)), unnest(cast(:payloads as text[])))"
                        + " with ordinality as given(r, p, n) order by n", Map.of("rows", "[2]", "payloads", "{a}"))));

        assertEquals("""
                with w1_given as (select r from jsonb_array_elements(cast(cast(:w1_rows as text) as jsonb)) as w1_given(r)),
                w1 as (update lead l set state = r ->> 'state' from w1_given
                where l.id = any(array(select cast(r ->> 'id' as uuid) from w1_given)) and l.id = cast(r ->> 'id' as uuid) returning 1),
                w2 as (insert into outbox_message (topic, payload) select r ->> 'topic', p from rows from \
                (jsonb_array_elements(cast(cast(:w2_rows as text) as jsonb)), unnest(cast(:w2_payloads as text[]))) \
                with ordinality as given(r, p, n) order by n returning 1)
                select (select count(*) from w1), (select count(*) from w2)""", joined.sql());
        assertEquals(Map.of("w1_rows", "[1]", "w2_rows", "[2]", "w2_payloads", "{a}"), joined.parameters());
    }

    @Test
    void aPartsDataModifyingCtesMoveToTheTopLevel_literalsAndQualifiedColumnsKeepTheirNames() {
        JoinedWrites.Statement joined = JoinedWrites.of(List.of(
                WriteStatement.of("""
                        WITH given AS (select cast(cast(:rows as text) as jsonb) as r),
                        new_account as (insert into account (id, name) select cast(a ->> 'id' as uuid), 'given (:not)'
                                        from given, jsonb_array_elements(given.r -> 'accounts') as accounts(a))
                        insert into record_link (kind, record_id) select l ->> 'given', t.given
                        from given, jsonb_array_elements(given.r -> 'links') as links(l), t""", Map.of("rows", "{}")),
                WriteStatement.of("insert into undone_attempt (qualification_id) select unnest(cast(cast(:ids as text) as uuid[]))",
                        Map.of("ids", "{}"))));

        assertEquals("""
                with w1_given as (select cast(cast(:w1_rows as text) as jsonb) as r),
                w1_new_account as (insert into account (id, name) select cast(a ->> 'id' as uuid), 'given (:not)'
                                from w1_given, jsonb_array_elements(w1_given.r -> 'accounts') as accounts(a)),
                w1 as (insert into record_link (kind, record_id) select l ->> 'given', t.given
                from w1_given, jsonb_array_elements(w1_given.r -> 'links') as links(l), t returning 1),
                w2 as (insert into undone_attempt (qualification_id) select unnest(cast(cast(:w2_ids as text) as uuid[])) returning 1)
                select (select count(*) from w1), (select count(*) from w2)""", joined.sql());
    }

    @Test
    void theSamePartsAgain_reuseTheirJoinedText_withTheirOwnValues() {
        String insert = "insert into undone_attempt (qualification_id) select unnest(cast(cast(:ids as text) as uuid[]))";
        String delete = "delete from outbox_message where id = any(cast(cast(:ids as text) as bigint[]))";
        JoinedWrites.Statement first = JoinedWrites.of(List.of(WriteStatement.of(insert, Map.of("ids", "{a}")),
                WriteStatement.of(delete, Map.of("ids", "{1}"))));
        JoinedWrites.Statement again = JoinedWrites.of(List.of(WriteStatement.of(insert, Map.of("ids", "{b}")),
                WriteStatement.of(delete, Map.of("ids", "{2}"))));
        JoinedWrites.Statement turned = JoinedWrites.of(List.of(WriteStatement.of(delete, Map.of("ids", "{3}")),
                WriteStatement.of(insert, Map.of("ids", "{c}"))));

        assertSame(first.sql(), again.sql(), "made once for these parts");
        assertEquals(Map.of("w1_ids", "{b}", "w2_ids", "{2}"), again.parameters());
        assertTrue(turned.sql().startsWith("with w1 as (delete from outbox_message"), turned.sql());
        assertEquals(Map.of("w1_ids", "{3}", "w2_ids", "{c}"), turned.parameters());
    }

    @Test
    void aRecursiveOrMalformedWithIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JoinedWrites.split("with recursive t as (select 1) insert into x select * from t"));
        assertThrows(IllegalArgumentException.class, () -> JoinedWrites.split("with t as (select (1) insert into x select * from t"));
        assertEquals(0, JoinedWrites.split("without_cte_table_update").ctes().size(), "not a with");
    }
}
