package com.acme.crm.system;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC rules 6 and 7 on the real stack: whatever the lead API accepts, up to its documented limits,
 * qualifies completely and stops nothing else. A lead with the most notes of the longest text
 * qualifies with every note on its opportunity while other leads' events flow exactly once; and
 * leads at the edges of every field's limits, in every kind of character, all qualify COMPLETED.
 */
class LimitsSystemTest extends ThroughTheGateway {

    /** The lead API's limits for notes (lead-service's LeadNote): the most notes a lead may have, and their length. */
    static final int MAX_NOTES = 500;
    static final int NOTE_LENGTH = 10_000;

    @Test
    void aLeadWithTheMostNotesOfTheLongestTextQualifiesWithEveryNoteWhileOtherLeadsEventsFlowOnce() throws Exception {
        String big = as("carol").body(lead("Notes " + unique(), "Many Notes GmbH " + unique()))
                .post("/api/leads?suppressDuplicateDetection=true").then().statusCode(201).extract().path("id");
        long notesStarted = System.nanoTime();
        InParallel.times(MAX_NOTES, n -> {
            as("carol").body(Map.of("text", note(n))).post("/api/leads/" + big + "/notes").then().statusCode(201);
            return null;
        });
        long notesMs = Duration.ofNanos(System.nanoTime() - notesStarted).toMillis();
        List<String> others = InParallel.times(30, i -> as("carol").body(lead("Bystander " + i, "Bystander Co " + unique()))
                .post("/api/leads?suppressDuplicateDetection=true").then().statusCode(201).extract().<String>path("id"));

        long started = System.nanoTime();
        as("carol").body(Map.of("opportunityCurrency", "EUR")).post("/api/leads/" + big + "/qualify").then().statusCode(202);
        List<String> otherStatus = InParallel.map(others, lead -> {
            as("carol").header("Prefer", "wait=30").body(Map.of("opportunityCurrency", "EUR"))
                    .post("/api/leads/" + lead + "/qualify").then().statusCode(oneOf(200, 202));
            return finalAttempt(lead).getString("status");
        });
        JsonPath attempt = finalAttempt(big);
        long qualifiedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals("COMPLETED", attempt.getString("status"), "the big lead's attempt: " + attempt.prettify());
        JsonPath opportunity = as("carol").get("/api/opportunities/" + attempt.getString("opportunityId"))
                .then().statusCode(200).extract().jsonPath();
        List<String> texts = opportunity.getList("notes.text");
        Set<Integer> numbers = texts.stream().map(text -> Integer.parseInt(text.substring(5, 9))).collect(Collectors.toCollection(TreeSet::new));

        // every event of these leads, once: no ce_id twice
        Set<String> ours = new HashSet<>(others);
        ours.add(big);
        List<TopicRecords.Message> events = TopicRecords.all(stack.kafkaBootstrapServers(), Topics.LEAD_EVENTS).stream()
                .filter(message -> ours.contains(message.key())).toList();
        Map<String, Long> perId = events.stream().collect(Collectors.groupingBy(TopicRecords.Message::ceId, Collectors.counting()));
        long repeated = perId.values().stream().filter(n -> n > 1).count();
        Map<String, Long> qualifiedEvents = events.stream().filter(e -> PublicEvents.LEAD_QUALIFIED.equals(e.ceType()))
                .collect(Collectors.groupingBy(TopicRecords.Message::key, Collectors.counting()));
        System.out.printf("notes test: %d notes of %d characters added in %d ms; qualified in %d ms; notes on the opportunity %d; "
                        + "others %s; events of these leads %d, repeated ce_ids %d%n",
                MAX_NOTES, NOTE_LENGTH, notesMs, qualifiedMs, texts.size(),
                otherStatus.stream().collect(Collectors.groupingBy(s -> String.valueOf(s), Collectors.counting())),
                events.size(), repeated);

        assertEquals(MAX_NOTES, texts.size(), "every note on the opportunity");
        assertEquals(MAX_NOTES, numbers.size(), "each note once");
        assertTrue(texts.stream().allMatch(text -> text.length() == NOTE_LENGTH), "no note cut short");
        assertTrue(otherStatus.stream().allMatch("COMPLETED"::equals), "other leads qualified meanwhile: " + otherStatus);
        assertEquals(0, repeated, "no event published twice");
        for (String lead : ours) {
            assertEquals(1L, qualifiedEvents.get(lead), "one qualified event for " + lead);
        }
    }

    @Test
    void leadsAtTheEdgesOfEveryFieldsLimitsAllQualifyCompleted() throws Exception {
        List<Map<String, Object>> leads = new ArrayList<>(edgeCases());
        Random random = new Random(20261126L); // the same leads every run; change the seed to explore
        for (int i = 0; i < 24; i++) {
            leads.add(randomLead(random, i));
        }
        List<String> outcomes = InParallel.map(leads, body -> {
            var created = as("carol").body(body).post("/api/leads?suppressDuplicateDetection=true").then().extract();
            if (created.statusCode() != 201) {
                return "not created (" + created.statusCode() + "): " + created.asString() + " for " + describe(body);
            }
            String id = created.path("id");
            as("carol").header("Prefer", "wait=30").body(Map.of("opportunityCurrency", "EUR", "suppressDuplicateDetection", true))
                    .post("/api/leads/" + id + "/qualify").then().statusCode(oneOf(200, 202));
            JsonPath attempt = finalAttempt(id);
            return "COMPLETED".equals(attempt.getString("status")) && attempt.getString("opportunityId") != null ? "COMPLETED"
                    : attempt.getString("status") + " (" + attempt.getString("failureReason") + ") for " + describe(body);
        });
        List<String> failures = outcomes.stream().filter(outcome -> !"COMPLETED".equals(outcome)).toList();
        System.out.printf("edge leads: %d leads, %d completed%n", leads.size(), leads.size() - failures.size());
        assertEquals(List.of(), failures);
    }

    /** The lead's attempt once it is over (COMPLETED, FAILED, ...), waiting up to 3 minutes (a slow machine, a timeout). */
    private static JsonPath finalAttempt(String lead) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                !"IN_PROGRESS".equals(as("carol").get("/api/leads/" + lead + "/qualification").then().extract().path("status")));
        return as("carol").get("/api/leads/" + lead + "/qualification").then().extract().jsonPath();
    }

    /** The hand-picked edges: each one a way the services' limits have disagreed, or could. */
    private static List<Map<String, Object>> edgeCases() {
        List<Map<String, Object>> cases = new ArrayList<>();
        cases.add(new HashMap<>(Map.of("topic", "T", "lastName", "L"))); // nothing optional
        cases.add(new HashMap<>(Map.of("topic", "No company", "firstName", "F".repeat(100), "lastName", "L".repeat(100))));
        cases.add(new HashMap<>(Map.of("topic", "No company, CJK", "firstName", "株".repeat(100), "lastName", "東".repeat(100))));
        cases.add(new HashMap<>(Map.of("topic", "No company, emoji", "firstName", "🚀".repeat(50), "lastName", "👩‍💻".repeat(20))));
        cases.add(new HashMap<>(Map.of("topic", "Ampersands", "lastName", "Amp", "companyName", "a&".repeat(100))));
        cases.add(new HashMap<>(Map.of("topic", "Ampersands and spaces", "lastName", "Amp", "companyName", "& ".repeat(99) + "&")));
        for (String suffix : List.of(" Inc.", " Ltd", " LLC", " GmbH", " S.A.", " S.p.A.", " AG", " K.K.", " Pty Ltd", " SARL")) {
            cases.add(new HashMap<>(Map.of("topic", "Suffix" + suffix, "lastName", "Legal",
                    "companyName", "Ü".repeat(200 - suffix.length()) + suffix)));
        }
        cases.add(new HashMap<>(Map.of("topic", "Long host", "lastName", "Host", "companyName", "Host Co " + unique(),
                "website", "https://" + host(480) + "/path")));
        cases.add(new HashMap<>(Map.of("topic", "Long host, no scheme", "lastName", "Host", "website", host(500))));
        cases.add(new HashMap<>(Map.of("topic", "Odd website", "lastName", "Web", "website", "not a url & not a host ✨")));
        cases.add(new HashMap<>(Map.of("topic", "Longest email", "lastName", "Mail", "email", longestEmail())));
        cases.add(new HashMap<>(Map.of("topic", "Biggest budget", "lastName", "Rich", "budgetAmount", new BigDecimal("99999999999999999.99"),
                "currency", "EUR")));
        Map<String, Object> empty = new HashMap<>(Map.of("topic", "Empty optionals", "lastName", "Empty"));
        for (String field : List.of("firstName", "jobTitle", "companyName", "email", "businessPhone", "mobilePhone", "website",
                "industry", "description", "sourceCampaignId")) {
            empty.put(field, "");
        }
        empty.put("address", Map.of("street", "", "city", "", "stateOrProvince", "", "postalCode", "", "country", ""));
        cases.add(empty);
        Random full = new Random(7);
        for (String alphabet : ALPHABETS) {
            cases.add(everyFieldAtItsLimit(full, alphabet));
        }
        return cases;
    }

    /** Every kind of character the tests try: Latin, accents, CJK, emoji (surrogate pairs, joiners), symbols, RTL. */
    private static final List<String> ALPHABETS = List.of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ",
            "ÀÉÎÕÜçñøåæßłęźĳœ ",
            "株式会社東京大阪名古屋京都商事",
            "🚀✨😀👩‍💻🇯🇵🏳️‍🌈",
            "&'\"-.,()/@#%+;:!?<>*_=[]{}|\\~^` ",
            "شركةمحدودةעברית ",
            "Ω∑∂ƒ©˙∆˚¬…æ\u0301\u0308\t");

    private static final Map<String, Integer> TEXT_LIMITS = textLimits();

    private static Map<String, Integer> textLimits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        limits.put("firstName", 100);
        limits.put("jobTitle", 100);
        limits.put("companyName", 200);
        limits.put("businessPhone", 50);
        limits.put("mobilePhone", 50);
        limits.put("website", 500);
        limits.put("industry", 100);
        limits.put("description", 10_000);
        limits.put("sourceCampaignId", 100);
        return limits;
    }

    private static final Map<String, Integer> ADDRESS_LIMITS = Map.of(
            "street", 200, "city", 100, "stateOrProvince", 100, "postalCode", 20, "country", 100);

    private static Map<String, Object> everyFieldAtItsLimit(Random random, String alphabet) {
        Map<String, Object> body = new HashMap<>();
        body.put("topic", "T" + text(random, alphabet, 199));
        body.put("lastName", "L" + text(random, alphabet, 99));
        TEXT_LIMITS.forEach((field, limit) -> body.put(field, text(random, alphabet, limit)));
        Map<String, Object> address = new HashMap<>();
        ADDRESS_LIMITS.forEach((field, limit) -> address.put(field, text(random, alphabet, limit)));
        body.put("address", address);
        body.put("email", longestEmail());
        body.put("budgetAmount", new BigDecimal("99999999999999999.99"));
        body.put("currency", "JPY");
        return body;
    }

    /** Each optional field absent, empty, short or at its limit, in a random kind of character. */
    private static Map<String, Object> randomLead(Random random, int n) {
        Map<String, Object> body = new HashMap<>();
        String alphabet = ALPHABETS.get(random.nextInt(ALPHABETS.size()));
        body.put("topic", "Random " + n + " " + text(random, alphabet, random.nextInt(190)));
        body.put("lastName", "L" + text(random, alphabet, random.nextInt(100)));
        TEXT_LIMITS.forEach((field, limit) -> {
            String value = sized(random, ALPHABETS.get(random.nextInt(ALPHABETS.size())), limit);
            if (value != null) {
                body.put(field, value);
            }
        });
        if (body.get("companyName") instanceof String company && random.nextBoolean()) {
            String suffix = List.of(" Inc", " Ltd.", " LLC", " GmbH", " SA", " & Co.", " Corp").get(random.nextInt(7));
            body.put("companyName", company.substring(0, Math.min(company.length(), 200 - suffix.length())).replaceAll("[\\uD800-\\uDBFF]$", "") + suffix);
        }
        if (random.nextBoolean()) {
            Map<String, Object> address = new HashMap<>();
            ADDRESS_LIMITS.forEach((field, limit) -> {
                String value = sized(random, ALPHABETS.get(random.nextInt(ALPHABETS.size())), limit);
                if (value != null) {
                    address.put(field, value);
                }
            });
            body.put("address", address);
        }
        switch (random.nextInt(3)) {
            case 0 -> body.put("email", longestEmail());
            case 1 -> body.put("email", "x" + unique() + "@example.com");
            default -> { }
        }
        return body;
    }

    /** Absent (null), empty, short, or exactly at the limit. */
    private static String sized(Random random, String alphabet, int limit) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> text(random, alphabet, 1 + random.nextInt(Math.min(limit, 20)));
            default -> text(random, alphabet, limit);
        };
    }

    /** Exactly {@code length} UTF-16 units (what the API's limits count) of whole code points from the alphabet. */
    private static String text(Random random, String alphabet, int length) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int next = codePoints[random.nextInt(codePoints.length)];
            if (text.length() + Character.charCount(next) > length) {
                next = 'x';
            }
            text.appendCodePoint(next);
        }
        return text.toString();
    }

    /** A host name of {@code length} characters: labels of 63 (the DNS maximum) joined by dots. */
    private static String host(int length) {
        StringBuilder host = new StringBuilder(unique());
        while (host.length() + 1 + 63 + ".com".length() <= length) {
            host.append('.').append("h".repeat(63));
        }
        int rest = length - ".com".length() - host.length() - 1;
        if (rest > 0) {
            host.append('.').append("h".repeat(rest));
        }
        return host.append(".com").toString();
    }

    /** 254 characters, the most an address may have: a 64-character local part and a domain of 63-character labels. */
    private static String longestEmail() {
        String local = unique() + "l".repeat(56);
        String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(57) + ".com";
        return local + "@" + domain;
    }

    private static String describe(Map<String, Object> body) {
        return body.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() instanceof String s && s.length() > 30
                ? s.substring(0, 30).replaceAll("[\\uD800-\\uDBFF]$", "") + "…(" + s.length() + ")" : e.getValue())).collect(Collectors.joining(", ", "{", "}"));
    }

    private static Map<String, Object> lead(String topic, String company) {
        return Map.of("topic", topic, "firstName", "Noa", "lastName", "Levi", "companyName", company,
                "email", "noa-" + unique() + "@example.com", "budgetAmount", 5000, "currency", "EUR");
    }

    /** "note0042 " and then filler, exactly NOTE_LENGTH characters: each note recognisable by its number. */
    private static String note(int n) {
        String head = String.format("note-%04d ", n);
        return head + "ñ€漢🙂".repeat(NOTE_LENGTH).substring(0, NOTE_LENGTH - head.length());
    }
}
