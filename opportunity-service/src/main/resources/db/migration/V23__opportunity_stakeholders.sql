-- The lead's stakeholders, copied to the opportunity on qualification (SPEC §10): contact and role,
-- in the lead's order. They go with the opportunity; the contacts themselves are account-service's.
create table opportunity_stakeholder (
    id             uuid        primary key,
    opportunity_id uuid        not null references opportunity (id) on delete cascade,
    position       integer     not null,
    contact_id     uuid        not null,
    role           varchar(30) not null,
    constraint opportunity_stakeholder_position unique (opportunity_id, position)
);
