-- One row of organisation-wide settings; the check keeps it one.
create table lead_qualification_settings (
    id                         int primary key check (id = 1),
    create_records_by_default  boolean     not null,
    version                    bigint      not null,
    modified_at                timestamptz,
    modified_by                varchar(100)
);
insert into lead_qualification_settings (id, create_records_by_default, version) values (1, true, 0);
