package org.minibuildd.users;

import java.util.regex.Pattern;

/** User names as mini-buildd (Django) accepts them: letters, digits and {@code _ . @ + -}, 1 to 150 characters. */
public final class Usernames {

    public static final int MAX_LENGTH = 150;

    private static final Pattern SYNTAX = Pattern.compile("[\\w.@+-]+", Pattern.UNICODE_CHARACTER_CLASS);

    private Usernames() {
    }

    public static boolean isValid(String username) {
        return username != null && username.length() <= MAX_LENGTH && SYNTAX.matcher(username).matches();
    }

    /** The name itself when valid; otherwise an exception that says what is allowed. */
    public static String check(String username) {
        if (!isValid(username)) {
            throw new IllegalArgumentException("invalid user name \"" + username + "\": use 1 to " + MAX_LENGTH
                    + " letters, digits and the characters _ . @ + -");
        }
        return username;
    }
}
