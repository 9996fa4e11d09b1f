-- A lead's attachments (SPEC §10): the metadata in one row, the bytes in chunk rows of a fixed size,
-- so uploads and downloads stream chunk by chunk and never hold a whole file. Deleting the lead
-- removes both (cascade); reactivating keeps them.
create table lead_attachment (
    id          uuid primary key,
    lead_id     uuid          not null references lead (id) on delete cascade deferrable initially deferred,
    file_name   varchar(255)  not null,
    media_type  varchar(255)  not null,
    size        bigint        not null,
    sha256      char(64)      not null,
    note        varchar(2000),
    version     bigint        not null,
    created_at  timestamptz   not null,
    created_by  varchar(100)  not null,
    modified_at timestamptz   not null,
    modified_by varchar(100)  not null
);
create index lead_attachment_lead on lead_attachment (lead_id, created_at desc);

-- The chunks are written through the reactive client in their own transaction before the attachment
-- row (Hibernate Reactive kept every chunk of a transaction's native inserts alive until its end), so
-- they belong to the lead, not to the attachment row: removing an attachment deletes its chunks in
-- the same transaction; deleting the lead deletes them by cascade.
create table lead_attachment_chunk (
    attachment_id uuid    not null,
    seq           integer not null,
    lead_id       uuid    not null references lead (id) on delete cascade,
    data          bytea   not null,
    primary key (attachment_id, seq)
);
create index lead_attachment_chunk_lead on lead_attachment_chunk (lead_id);
