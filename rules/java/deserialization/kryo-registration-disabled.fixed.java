package com.example.cache;

import com.esotericsoftware.kryo.Kryo;

public class Codec {
    Kryo a() {
        Kryo kryo = new Kryo();
        // ruleid: java.kryo-registration-disabled
        kryo.setRegistrationRequired(true);
        return kryo;
    }

    Kryo b(Kryo other) {
        // ruleid: java.kryo-registration-disabled
        other.setRegistrationRequired(true);
        return other;
    }

    Kryo c() {
        Kryo kryo = new Kryo();
        // ok: java.kryo-registration-disabled
        kryo.setRegistrationRequired(true);
        // ok: java.kryo-registration-disabled
        kryo.register(Order.class);
        return kryo;
    }
}
