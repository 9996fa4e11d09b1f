-- Run once by the postgres image on an empty volume: the role and the three databases the services expect
-- (the local stack's PostgresServer creates the same ones).
CREATE ROLE crm LOGIN PASSWORD 'crm';
CREATE DATABASE lead OWNER crm;
CREATE DATABASE account OWNER crm;
CREATE DATABASE opportunity OWNER crm;
