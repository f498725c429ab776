package org.minibuildd.debian;

import java.util.ArrayList;
import java.util.List;

/**
 * A text that may be wrapped in an OpenPGP cleartext signature (RFC 4880 section 7), split into the signed
 * content and the armored signature. Nothing is verified here: that is the {@code openpgp} module's job, which
 * gets the exact {@link Signed#signature()} block and the content.
 *
 * <p>Content lines are dash-unescaped and end with {@code "\n"} (a CR before it is dropped).
 */
public sealed interface ClearSigned permits ClearSigned.Signed, ClearSigned.Unsigned {

    String BEGIN_MESSAGE = "-----BEGIN PGP SIGNED MESSAGE-----";
    String BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
    String END_SIGNATURE = "-----END PGP SIGNATURE-----";

    /** The payload (for an unsigned text, the text itself). */
    String content();

    /** 1-based line number of the content's first line in the original text, to report faults where they are. */
    int contentLine();

    boolean signed();

    /** @param hashes the algorithms named in {@code Hash:} armor headers, in order */
    record Signed(String content, int contentLine, List<String> hashes, String signature) implements ClearSigned {
        public Signed {
            hashes = List.copyOf(hashes);
        }

        @Override
        public boolean signed() {
            return true;
        }
    }

    record Unsigned(String content) implements ClearSigned {
        @Override
        public int contentLine() {
            return 1;
        }

        @Override
        public boolean signed() {
            return false;
        }
    }

    /** Splits {@code text}; {@code subject} names it in fault messages (e.g. {@code .changes}). */
    static ClearSigned parse(String text, String subject) {
        List<String> lines = splitLines(text);
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i == lines.size() || !lines.get(i).stripTrailing().equals(BEGIN_MESSAGE)) {
            for (int j = i; j < lines.size(); j++) {
                if (lines.get(j).startsWith("-----BEGIN PGP ")) {
                    throw new DebianFormatException(subject, null, j + 1,
                            "OpenPGP armor found, but the text does not start with \"" + BEGIN_MESSAGE + "\"");
                }
            }
            return new Unsigned(text);
        }
        i++;
        var hashes = new ArrayList<String>();
        for (; ; i++) {
            if (i == lines.size()) {
                throw new DebianFormatException(subject, null, i,
                        "expected an empty line after the armor headers of the signed message");
            }
            String line = lines.get(i);
            if (line.isBlank()) {
                break;
            }
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                throw new DebianFormatException(subject, null, i + 1,
                        "expected an armor header \"Hash: <algorithm>\" or an empty line");
            }
            if (line.substring(0, colon).equals("Hash")) {
                for (String h : line.substring(colon + 2).split(",")) {
                    if (!h.isBlank()) {
                        hashes.add(h.strip());
                    }
                }
            }
        }
        i++;
        int contentLine = i + 1;
        var content = new StringBuilder(text.length());
        for (; ; i++) {
            if (i == lines.size()) {
                throw new DebianFormatException(subject, null, i, "missing \"" + BEGIN_SIGNATURE + "\"");
            }
            String line = lines.get(i);
            if (line.stripTrailing().equals(BEGIN_SIGNATURE)) {
                break;
            }
            if (line.startsWith("- ")) {
                line = line.substring(2);
            } else if (line.startsWith("-")) {
                throw new DebianFormatException(subject, null, i + 1,
                        "a signed line starting with '-' must be dash-escaped as \"- \"");
            }
            content.append(line).append('\n');
        }
        var signature = new StringBuilder();
        for (; ; i++) {
            if (i == lines.size()) {
                throw new DebianFormatException(subject, null, i, "missing \"" + END_SIGNATURE + "\"");
            }
            signature.append(lines.get(i)).append('\n');
            if (lines.get(i).stripTrailing().equals(END_SIGNATURE)) {
                break;
            }
        }
        for (i++; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                throw new DebianFormatException(subject, null, i + 1,
                        "unexpected text after \"" + END_SIGNATURE + "\"");
            }
        }
        return new Signed(content.toString(), contentLine, hashes, signature.toString());
    }

    /** Lines without their terminator ("\n" or "\r\n"); a final terminator does not start another line. */
    private static List<String> splitLines(String text) {
        var lines = new ArrayList<String>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(text.substring(start, contentEnd));
            start = end + 1;
        }
        return lines;
    }
}
