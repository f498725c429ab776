package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Order laws and round trips of {@link Version} on generated tricky versions. */
class VersionProperties {

    @Provide
    Arbitrary<String> versions() {
        Arbitrary<String> digits = Arbitraries.oneOf(Arbitraries.strings().withCharRange('0', '9').ofMinLength(1)
                .ofMaxLength(3), Arbitraries.strings().withCharRange('0', '9').ofMinLength(15).ofMaxLength(40),
                Arbitraries.of("0", "00", "007", "10", "9"));
        Arbitrary<String> sep = Arbitraries.of("", ".", "+", "~", "~~", "a", "b", "Z", "rc", "+b", "~test12+",
                "-", ":");
        Arbitrary<String> upstreamTail = Combinators.combine(sep, digits).as(String::concat).list().ofMaxSize(4)
                .map(l -> String.join("", l));
        Arbitrary<String> upstream = Combinators.combine(digits, upstreamTail).as(String::concat);
        Arbitrary<String> revisionSep = Arbitraries.of("", ".", "+", "~", "a", "~bpo12+", "+deb12u");
        Arbitrary<String> revision = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(digits, Combinators.combine(revisionSep, digits).as(String::concat).list()
                        .ofMaxSize(3).map(l -> String.join("", l)), Arbitraries.of("", "~", "a")).as((a, b, c) -> a + b + c));
        Arbitrary<String> epoch = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("0", "1", "2", "10", "01"));
        return Combinators.combine(epoch, upstream, revision).as((e, u, r) -> {
            String up = r.isEmpty() ? u.replace("-", ".") : u;
            up = e.isEmpty() ? up.replace(":", ".") : up;
            return (e.isEmpty() ? "" : e + ":") + up + (r.isEmpty() ? "" : "-" + r);
        });
    }

    @Property(tries = 2000)
    void roundTrip(@ForAll("versions") String s) {
        assertThat(Version.parse(s).toString()).isEqualTo(s);
        assertThat(Version.parse(Version.parse(s).toString())).isEqualTo(Version.parse(s));
    }

    @Property(tries = 2000)
    void reflexive(@ForAll("versions") String s) {
        assertThat(Version.compare(s, s)).isZero();
    }

    @Property(tries = 3000)
    void antisymmetric(@ForAll("versions") String a, @ForAll("versions") String b) {
        assertThat(Integer.signum(Version.compare(a, b))).isEqualTo(-Integer.signum(Version.compare(b, a)));
    }

    @Property(tries = 3000)
    void transitive(@ForAll("versions") String a, @ForAll("versions") String b, @ForAll("versions") String c) {
        Version x = Version.parse(a);
        Version y = Version.parse(b);
        Version z = Version.parse(c);
        if (x.compareTo(y) <= 0 && y.compareTo(z) <= 0) {
            assertThat(x.compareTo(z)).isLessThanOrEqualTo(0);
        }
        if (x.compareTo(y) == 0 && y.compareTo(z) == 0) {
            assertThat(x.compareTo(z)).isZero();
        }
    }

    @Property(tries = 1000)
    void tildeSortsBeforeAndPlusAfter(@ForAll("versions") String s) {
        Version v = Version.parse(s);
        String base = v.toString();
        assertThat(Version.compare(base + "~", base)).isNegative();
        assertThat(Version.compare(base + "+", base)).isPositive();
    }
}
