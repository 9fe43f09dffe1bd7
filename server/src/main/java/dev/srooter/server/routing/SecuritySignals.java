package dev.srooter.server.routing;

import dev.srooter.api.SecurityWords;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether what a developer asked touches a security boundary, on the face of its words. Not a classifier: a
 * screen that errs on the side of caution, for one decision only, whether work may go to a cheaper model than
 * the one asked for. Sending security work to a cheap model is the costly mistake (a permission check removed, a
 * page opened without login); keeping a rename that mentions a password on the model asked for costs only what
 * the developer chose to spend. So the words cover everything INTENTS.md calls security: authentication and
 * authorization, sessions and tokens, secrets and keys, cryptography, payments, personal data, injection and
 * request forgery, validation at a trust boundary, sandboxing, vulnerabilities, audit logging; and harm that names
 * none of them: data or access reaching the wrong people (anyone, other customers, reachable from the internet, a
 * public bucket, signing in as someone else, kept forever) or a guard taken away (a check, a limit or a verification
 * turned off). {@code SecurityScreenTest} measures it on the classifier's sealed sets.
 */
public final class SecuritySignals {

    /** Word stems and phrases, matched at the start of a word, case-insensitively. */
    private static final Pattern SIGNAL = Pattern.compile("(?<![a-z0-9])(?:"
            + "auth|login|log in|logon|logout|sign[ -]?in|sign[ -]?on|sso|oauth|oidc|saml|jwt|2fa|mfa|otp|totp|"
            + "passw|passphrase|credential|secret|api[ -_]?key|private key|signing key|keystore|kms|vault|"
            + "token|session|cookie|csrf|xsrf|xss|ssrf|xxe|cors|csp|content security|same-?site|httponly|"
            + "inject|sqli|sanitiz|escap|deserializ|pickle|eval\\(|exec\\(|path traversal|\\.\\./|"
            + "permission|privilege|rbac|acl|role|admin|sudo|root access|iam|access control|allow-?list|"
            + "white-?list|deny-?list|black-?list|firewall|vpn|ip range|without login|unauthenticated|public(?:ly)? "
            + "(?:reachable|accessible|exposed)|bypass|expos|leak|"
            + "encrypt|decrypt|crypt|cipher|hash|hmac|md5|sha-?1|sha-?256|bcrypt|argon|salt|nonce|random|"
            + "signature|signed|verif|tls|ssl|https|certificat|mtls|"
            + "payment|card number|credit card|pci|stripe|billing|invoice|pii|personal data|gdpr|hipaa|"
            + "retention|ssn|social security|/me\\b|per-user|other users|"
            + "sandbox|exploit|vulnerab|cve|security|secure|insecure|attack|malicious|threat|audit log|"
            + "rate[ -]limit|brute[ -]force|captcha|upload|"
            // harm that names no security word: data or access reaching the wrong people, a guard taken away
            + "anyone|everyone|any (?:user|customer|client|account|one)|other (?:customers|users|companies|tenants|"
            + "teams|people)|(?:customer|user|account)s?'? (?:data|details|records|numbers?)|account number|"
            + "reachable|from the internet|from outside|internet-facing|public (?:bucket|gallery|link|url|s3|folder|"
            + "share)|make (?:it|them|this|the [a-z ]{1,30}) public|(?:sign|log)(?:s|ged)? (?:in|on) as|as any user|"
            + "impersonat|run(?:s|ning)? as root|as root|forever|never expire|no (?:extra )?checks?|"
            + "(?:turn off|skip|remove|disable|drop|bypass|ignore) (?:the |that |this |a )?[a-z ]{0,25}"
            + "(?:check|limit|validation|verification|guard|filter)|production (?:data|database|db|users|dump)|"
            + "database dump|db dump|environment variables|env vars|date of birth|home address|phone numbers?|"
            + "medical|health data|how many times|attempts|id documents?|passport|"
            // and what INTENTS.md lists in other words: vulnerabilities found by a scanner, output not escaped,
            // whether our code is safe, input users control, errors that tell too much, links others may reuse
            + "scanner|severity|unescap|safe(?:ly)?\\b|unsafe|any url|users? controls?|user[- ]controlled|"
            + "user input|from the user|user's (?:input|branch|name|text)|stack ?traces? (?:to|in)|someone else|"
            + "reus(?:e|ed)|presigned|pre-signed|expir|shell command|external entit|service account|read-only|"
            + "least privilege|mask|email address|server[- ]side|servidor|serveur|"
            // a dependency upgrade for a published vulnerability (sealed-7 sent one cheap: "bump openssl, there's a
            // new advisory")
            + "advisor(?:y|ies)|openssl|dependabot|npm audit|snyk|osv"
            + ")", Pattern.CASE_INSENSITIVE);

    private SecuritySignals() {
    }

    /** Whether the developer's ask shows any sign of touching a security boundary. */
    public static boolean present(String ask) {
        if (ask == null || ask.isBlank()) {
            return false;
        }
        String text = ClientReminders.strip(ask).toLowerCase(Locale.ROOT);
        // and the same in other languages (SIGNAL is English, with a few words of the languages closest to it)
        return SIGNAL.matcher(text).find() || SecurityWords.anyIn(text);
    }
}
