package org.minibuildd.config;

/** A configuration value that is refused, naming the field so a form or API caller can point at it. */
public class ConfigException extends IllegalArgumentException {

    private final String field;

    public ConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public ConfigException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
