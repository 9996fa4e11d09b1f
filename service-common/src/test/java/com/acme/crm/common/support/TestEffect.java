package com.acme.crm.common.support;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the test consumer did (written with SQL). Mapped because service-common itself has no entity and Quarkus leaves
 * Hibernate out of an application without one: this test application needs its sessions like every service does.
 */
@Entity
@Table(name = "test_effect")
public class TestEffect {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id")
    public String messageId;

    @Column(name = "command_id")
    public String commandId;

    public String outcome;
}
