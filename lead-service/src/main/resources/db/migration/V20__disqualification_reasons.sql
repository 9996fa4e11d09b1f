-- The organisation's own disqualification reasons (SPEC §10). The system's four reasons are fixed
-- in the code and never stored here, so no admin change can reach them. A retired reason keeps its
-- row: leads that carry its code still show its label.
create table disqualification_reason (
    code        varchar(30)  primary key,
    label       varchar(100) not null,
    active      boolean      not null,
    version     bigint       not null,
    modified_at timestamptz  not null,
    modified_by varchar(100) not null
);
