package dev.spool.cookies;

import java.util.Set;

/**
 * A small guard against cookies set for a whole public suffix ({@code Domain=com},
 * {@code Domain=co.uk}): every single-label domain counts as a public suffix, plus the common
 * multi-label suffixes listed here. It is NOT the full Public Suffix List (publicsuffix.org), which
 * is large and changes often; a domain missing from this list is accepted if it domain-matches the
 * host that set it, as RFC 6265 section 5.3 allows.
 */
final class PublicSuffixes {
    /**
     * Multi-label public suffixes in common use, from the ICANN and private sections of the Public
     * Suffix List: second-level registries of large country-code domains, and hosting platforms on
     * which unrelated sites share a parent domain.
     */
    private static final Set<String> MULTI_LABEL = Set.of(
            // United Kingdom
            "co.uk", "org.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk", "nhs.uk", "sch.uk", "police.uk",
            // Japan
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "gr.jp", "ed.jp", "lg.jp", "ad.jp",
            // Australia and New Zealand
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
            "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz", "school.nz", "geek.nz", "gen.nz", "kiwi.nz",
            // Americas
            "com.br", "net.br", "org.br", "gov.br", "edu.br",
            "com.mx", "org.mx", "net.mx", "gob.mx", "edu.mx",
            "com.ar", "org.ar", "net.ar", "gob.ar", "edu.ar",
            "com.co", "org.co", "net.co", "gov.co", "edu.co",
            // Asia
            "com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn",
            "com.hk", "net.hk", "org.hk", "edu.hk", "gov.hk", "idv.hk",
            "com.tw", "net.tw", "org.tw", "edu.tw", "gov.tw", "idv.tw",
            "co.kr", "or.kr", "ne.kr", "go.kr", "ac.kr", "re.kr",
            "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in", "ac.in", "edu.in", "gov.in",
            "com.sg", "net.sg", "org.sg", "edu.sg", "gov.sg",
            "com.my", "net.my", "org.my", "edu.my", "gov.my",
            "co.id", "or.id", "web.id", "ac.id", "go.id",
            "co.th", "in.th", "ac.th", "go.th", "or.th",
            "com.ph", "com.pk", "com.vn", "co.il", "org.il", "net.il", "ac.il", "gov.il",
            // Europe and Africa
            "com.tr", "net.tr", "org.tr", "gov.tr", "edu.tr",
            "com.ua", "com.pl", "com.es", "com.gr", "com.ru",
            "co.za", "org.za", "net.za", "gov.za", "ac.za", "web.za",
            "com.eg", "com.ng", "co.ke",
            // Shared hosting platforms (private section of the list)
            "github.io", "gitlab.io", "herokuapp.com", "appspot.com", "blogspot.com", "cloudfront.net",
            "azurewebsites.net", "netlify.app", "vercel.app", "pages.dev", "workers.dev", "web.app",
            "firebaseapp.com", "s3.amazonaws.com", "elasticbeanstalk.com", "fly.dev", "onrender.com");

    private PublicSuffixes() {
    }

    /** Whether the lowercased domain (no leading dot) is a public suffix by this guard's rules. */
    static boolean isPublicSuffix(String domain) {
        return domain.indexOf('.') < 0 || MULTI_LABEL.contains(domain);
    }
}
