package com.example.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;

public class Mappers {
    void mappers() {
        ObjectMapper a = new ObjectMapper();
        // ruleid: java.jackson-default-typing
        a.enableDefaultTyping();
        ObjectMapper b = new ObjectMapper();
        // ruleid: java.jackson-default-typing
        b.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        // ruleid: java.jackson-default-typing
        JsonMapper c = JsonMapper.builder().activateDefaultTyping(LaissezFaireSubTypeValidator.instance).build();
        ObjectMapper d = new ObjectMapper();
        // ok: java.jackson-default-typing
        d.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Item.class).build());
        // ok: java.jackson-default-typing
        d.deactivateDefaultTyping();
    }
}
