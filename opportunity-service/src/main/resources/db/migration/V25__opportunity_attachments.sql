-- The lead's files as the opportunity lists them after qualification (SPEC §10): the metadata only,
-- in the lead's order (oldest first); the bytes stay on the lead, at
-- GET /api/leads/{originating_lead_id}/attachments/{attachment_id}. The sizes are the lead API's.
create table opportunity_attachment (
    id             uuid         primary key,
    opportunity_id uuid         not null references opportunity (id) on delete cascade,
    position       integer      not null,
    attachment_id  uuid         not null,
    file_name      varchar(255) not null,
    media_type     varchar(255) not null,
    size           bigint       not null,
    sha256         char(64)     not null,
    constraint opportunity_attachment_position unique (opportunity_id, position)
);
