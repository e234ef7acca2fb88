package com.example.imports;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

public class YamlImport {
    Object a(String body) {
        Yaml yaml = new Yaml();
        // ruleid: java.snakeyaml-unsafe-load
        return yaml.load(body);
    }

    Object b(String body) {
        // ruleid: java.snakeyaml-unsafe-load
        return new Yaml().loadAs(body, Config.class);
    }

    Object c(String body) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        // ok: java.snakeyaml-unsafe-load
        return yaml.load(body);
    }

    Object d(String body) {
        Yaml yaml = new Yaml();
        // ok: java.snakeyaml-unsafe-load
        return yaml.dump(body);
    }
}
