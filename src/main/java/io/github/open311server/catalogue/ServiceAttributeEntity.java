package io.github.open311server.catalogue;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "service_attributes")
public class ServiceAttributeEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "service_ref")
    public ServiceEntity service;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public boolean variable = true;

    @Column(nullable = false)
    public String datatype;

    @Column(nullable = false)
    public boolean required;

    @Column(name = "datatype_description")
    public String datatypeDescription;

    @Column(name = "attribute_order", nullable = false)
    public int attributeOrder;

    @Column(nullable = false)
    public String description;

    @OneToMany(mappedBy = "attribute", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<AttributeValueEntity> values = new ArrayList<>();
}
