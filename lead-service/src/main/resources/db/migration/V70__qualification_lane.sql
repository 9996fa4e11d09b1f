-- The lane of each attempt (message-contracts Lane): the topics all its commands and replies travel on.
-- Attempts from before lanes used the original topics, which are the bulk lane.
alter table qualification add column lane varchar(16) not null default 'BULK';
