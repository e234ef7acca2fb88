package com.example.debug;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Debug {
    private static final Logger LOG = LoggerFactory.getLogger(Debug.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    String debug() throws Exception {
        // ruleid: java.environment-exposed
        String a = MAPPER.writeValueAsString(System.getenv());
        // ruleid: java.environment-exposed
        LOG.info("env {}", System.getenv());
        // ok: java.environment-exposed
        String b = MAPPER.writeValueAsString(java.util.Map.of("stage", System.getenv("STAGE")));
        // ok: java.environment-exposed
        LOG.info("region {}", System.getenv("AWS_REGION"));
        return a + b;
    }
}
