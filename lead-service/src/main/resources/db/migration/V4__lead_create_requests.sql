-- Answers to creates sent with an Idempotency-Key, per caller and key (see IdempotentLeadCreation).
-- No foreign key to lead: a retry after the lead was deleted still gets the original answer.
create table lead_create_request (
    caller          varchar(100) not null,
    idempotency_key varchar(200) not null,
    request_hash    varchar(64)  not null,
    status          int          not null,
    location        varchar(200) not null,
    body            text         not null,
    created_at      timestamptz  not null,
    constraint lead_create_request_pkey primary key (caller, idempotency_key)
);
create index lead_create_request_created_at on lead_create_request (created_at);
