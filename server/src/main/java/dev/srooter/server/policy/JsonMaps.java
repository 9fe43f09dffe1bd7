package dev.srooter.server.policy;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON as plain Java maps, lists, strings, numbers and booleans: what plugins get, free of any JSON library. */
final class JsonMaps {

    private JsonMaps() {
    }

    static Map<String, Object> map(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((name, value) -> map.put(name, plain(value)));
        return java.util.Collections.unmodifiableMap(map);
    }

    private static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT:
                return map(value.asJsonObject());
            case ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonValue item : (JsonArray) value) {
                    list.add(plain(item));
                }
                return java.util.Collections.unmodifiableList(list);
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                JsonNumber number = (JsonNumber) value;
                return number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
