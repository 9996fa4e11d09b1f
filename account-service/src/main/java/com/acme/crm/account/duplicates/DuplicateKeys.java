package com.acme.crm.account.duplicates;

import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;

/**
 * What the duplicate rules compare for one command: its normalised company name, website domain and trimmed email,
 * and which sides it checks (a record it would create, with something to compare). Worked out once per command
 * (normalising a name is the rules' costliest step) and read by everything that needs it: the advisory lock keys,
 * the search, the command's matches and its new account's normalised name.
 */
public record DuplicateKeys(String name, String domain, String email, boolean checkAccount, boolean checkContact) {

    public static DuplicateKeys of(ResolveAccountAndContact command) {
        ProspectDetails prospect = command.prospect();
        if (prospect == null) {
            return new DuplicateKeys(null, null, null, false, false);
        }
        String name = CompanyNames.normalize(prospect.companyName());
        String domain = CompanyNames.websiteDomain(prospect.website());
        String email = prospect.email() == null || prospect.email().isBlank() ? null : prospect.email().trim();
        boolean checkAccount = command.createAccount() && command.existingAccountId() == null && (name != null || domain != null);
        boolean checkContact = command.createContact() && command.existingContactId() == null && email != null;
        return new DuplicateKeys(name, domain, email, checkAccount, checkContact);
    }
}
