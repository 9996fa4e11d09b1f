import type { Lead } from './api';

/** What the command bar offers for a lead in its state (SPEC §3: closed leads are read-only until reactivated). */
export function allowedCommands(lead: Lead | null) {
  if (!lead) return { save: true, qualify: false, disqualify: false, reactivate: false, delete: false };
  const open = lead.state === 'OPEN' && !lead.qualificationInProgress;
  return {
    save: open,
    qualify: open,
    disqualify: open && !lead.opportunityId,
    reactivate: lead.state !== 'OPEN',
    delete: !lead.qualificationInProgress,
  };
}
