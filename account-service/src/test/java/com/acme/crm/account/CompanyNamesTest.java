package com.acme.crm.account;

import com.acme.crm.account.duplicates.CompanyNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The duplicate rules' normalisation, without Quarkus. */
class CompanyNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ACME, Inc.|acme",
            "Acme Inc|acme",
            "  acme  |acme",
            "Acme Corp.|acme",
            "Müller GmbH|muller",
            "Müller GmbH & Co. KG|muller",
            "Caffè Rossi S.p.A.|cafferossi",
            "Caffe  Rossi SpA|cafferossi",
            "Société Générale S.A.|societegenerale",
            "Limited|limited",
            "Blue-Sky Software Ltd|blueskysoftware",
    })
    void foldsCaseSpacingPunctuationAndLegalSuffixes(String name, String normalized) {
        assertEquals(normalized, CompanyNames.normalize(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://www.Acme.com/about|acme.com",
            "acme.com|acme.com",
            "http://shop.acme.com|shop.acme.com",
            "not a website|",
    })
    void takesTheDomainOfAWebsite(String website, String domain) {
        assertEquals(domain, CompanyNames.websiteDomain(website));
    }
}
