package com.acme.crm.lead;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.RealInfrastructure;
import com.github.benmanes.caffeine.cache.Cache;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Map;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lead list adds nothing to Hibernate's query plan cache: Hibernate Reactive 3.1 cannot find a native select there
 * again, so each list call would add an entry that every later call of the same shape walks (and the entries fill the
 * cache, 2,048 plans held on the heap). The list's statement now runs on the reactive client, outside Hibernate; this
 * keeps it so should it ever go through a session again (then with PlanCacheBypass).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadListPlanCacheTest {

    @Inject
    Mutiny.SessionFactory factory;

    @Test
    void listCallsDoNotAddPlanCacheEntries() throws Exception {
        ALICE.createLead(Api.minimalLead(Map.of("companyName", "plan cache example")));
        list();
        long before = listPlans();
        for (int i = 0; i < 10; i++) {
            list();
        }
        long after = listPlans();
        // only the list's own selects are counted: the service's timers run their own native selects meanwhile
        assertEquals(before, after, "list selects in the plan cache before and after 10 rounds of lists");
    }

    /** One call of each way a page's ids are read: a single state in order, a union of states, the rarest word. */
    private static void list() {
        ALICE.call().queryParams(Map.of("view", "my-open", "q", "example")).get("/api/leads").then().statusCode(200);
        CAROL.call().queryParams(Map.of("view", "all", "sort", "lastName")).get("/api/leads").then().statusCode(200);
        CAROL.call().queryParams(Map.of("view", "closed", "q", "plan cache")).get("/api/leads").then().statusCode(200);
    }

    /** The plan cache's entries for a lead list's select of ids (Hibernate has no public accessor for its entries). */
    private long listPlans() throws ReflectiveOperationException {
        Object mutiny = ClientProxy.unwrap(factory);
        for (Class<?> type = mutiny.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (SessionFactoryImplementor.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    Object cache = ((SessionFactoryImplementor) field.get(mutiny)).getQueryEngine().getInterpretationCache();
                    return entries(fieldValue(cache, "queryPlanCache")).keySet().stream()
                            .map(key -> ((QueryInterpretationCache.Key) key).getQueryString())
                            .filter(sql -> sql.startsWith("select l.id from lead l") || sql.startsWith("select page.id from"))
                            .count();
                }
            }
        }
        throw new IllegalStateException("no SessionFactoryImplementor in " + mutiny.getClass());
    }

    /** The entries of Hibernate's InternalCache: Quarkus plugs in one over a Caffeine cache (its only field). */
    private static Map<?, ?> entries(Object internalCache) throws ReflectiveOperationException {
        for (Field field : internalCache.getClass().getDeclaredFields()) {
            if (Cache.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                return ((Cache<?, ?>) field.get(internalCache)).asMap();
            }
        }
        throw new IllegalStateException("no Caffeine cache in " + internalCache.getClass());
    }

    private static Object fieldValue(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
