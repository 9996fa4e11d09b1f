package com.acme.crm.system;

import com.acme.crm.client.lead.ApiClient;
import com.acme.crm.client.lead.api.LeadsApi;
import com.acme.crm.client.lead.api.QualificationApi;
import com.acme.crm.client.lead.model.LeadFields;
import com.acme.crm.client.lead.model.LeadView;
import com.acme.crm.client.lead.model.NoteRequest;
import com.acme.crm.client.lead.model.QualificationStatus;
import com.acme.crm.client.lead.model.QualificationView;
import com.acme.crm.client.lead.model.QualifyRequest;
import com.acme.crm.client.opportunity.api.OpportunitiesApi;
import com.acme.crm.client.opportunity.model.OpportunityView;
import com.acme.crm.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README walkthrough with a Java client generated from the OpenAPI documents (openapi-generator,
 * system-tests/pom.xml) against the running system through the gateway: an integrator's view of
 * whether the documents say what the services do. Also: the documents and the Swagger UI through the gateway.
 */
class GeneratedClientSystemTest {

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = RunningStack.get();
    }

    @Test
    void createNoteQualifyAndReadTheOpportunity() throws Exception {
        String token = stack.tokenOf("alice");
        LeadsApi leads = new LeadsApi(leadClient(token));
        String company = "Kaizen Logistics " + UUID.randomUUID();

        LeadView lead = leads.createLead(new LeadFields().topic("Fleet telematics").firstName("Yui").lastName("Nakamura")
                .companyName(company).email("yui-" + UUID.randomUUID() + "@kaizen.example")
                .budgetAmount(new BigDecimal("120000")).currency("EUR"), null, null);
        leads.addLeadNote(lead.getId(), new NoteRequest().text("Wants a pilot in Q3"));
        QualificationView qualification = new QualificationApi(leadClient(token))
                .qualifyLead(lead.getId(), new QualifyRequest(), null, "wait=30");

        assertEquals(QualificationStatus.COMPLETED, qualification.getStatus());
        assertNotNull(qualification.getAccountId());
        assertNotNull(qualification.getContactId());
        OpportunityView opportunity = new OpportunitiesApi(opportunityClient(token)).getOpportunity(qualification.getOpportunityId());
        assertEquals("Fleet telematics", opportunity.getName());
        assertEquals(0, new BigDecimal("120000").compareTo(opportunity.getEstimatedValue()));
        assertEquals("EUR", opportunity.getCurrency());
        assertEquals(lead.getId(), opportunity.getOriginatingLeadId());
        assertTrue(opportunity.getNotes().stream().anyMatch(note -> "Wants a pilot in Q3".equals(note.getText())), opportunity.getNotes().toString());
    }

    @Test
    void theGatewayServesTheDocumentsAndTheSwaggerUiWithoutACdn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String service : List.of("lead-service", "account-service", "opportunity-service")) {
            HttpResponse<String> document = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/openapi/" + service)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, document.statusCode(), service);
            assertTrue(document.body().startsWith("---\nopenapi: 3.0.3"), document.body().substring(0, 40));
        }
        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/swagger-ui/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ui.statusCode());
        assertTrue(ui.body().contains("/openapi/account-service"), "the UI offers every service's document");
        Matcher script = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(ui.body());
        while (script.find()) {
            assertTrue(!script.group(1).startsWith("http") && !script.group(1).startsWith("//"), "loaded from elsewhere: " + script.group(1));
            if (script.group(1).endsWith(".js") || script.group(1).endsWith(".css")) {
                URI asset = URI.create(stack.gatewayUrl() + "/swagger-ui/").resolve(script.group(1));
                assertEquals(200, http.send(HttpRequest.newBuilder(asset).build(), HttpResponse.BodyHandlers.discarding()).statusCode(), asset.toString());
            }
        }
    }

    private static ApiClient leadClient(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(stack.gatewayUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static com.acme.crm.client.opportunity.ApiClient opportunityClient(String token) {
        com.acme.crm.client.opportunity.ApiClient client = new com.acme.crm.client.opportunity.ApiClient();
        client.updateBaseUri(stack.gatewayUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }
}
