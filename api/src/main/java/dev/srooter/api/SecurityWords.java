package dev.srooter.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Word stems that mark security work (authentication, permissions, roles, secrets and keys, encryption, sessions,
 * personal data, payments, vulnerabilities, signatures, uploads) in 25 languages beyond English: Russian, Ukrainian,
 * Bulgarian, Serbian and Croatian, Polish, Czech and Slovak, Dutch, Danish, Norwegian, Swedish, Finnish, Hungarian,
 * Romanian, Catalan, Greek, Turkish, Hebrew, Persian, Vietnamese, Indonesian and Malay, Tagalog, Swahili and Korean;
 * and the same in Chinese and Japanese, which are written without spaces. One list for the two readers that need it:
 * the local classifier's cues and the gateway's screen in front of cheap routing, which must not let an ask in
 * Polish about passwords go to a cheaper model because its words are not English. Written from each language's words
 * for the work, not from any labelled set; stems short enough to be ambiguous are left out.
 */
public final class SecurityWords {

    /** Matched at the start of a word. */
    public static final List<String> STEMS = List.of(
            "парол", "логин", "авториз", "аутентиф", "права", "доступ", "админ", "роль", "роли", "токен", "ключ",
            "секрет", "шифр", "криптогр", "сесси", "сеанс", "персональн", "личн", "платеж", "платёж", "оплат",
            "уязвим", "атак", "безопас", "подпис", "вхід", "дозвол", "безпек", "влизан", "сигурност", "лозинк",
            "пријав", "безбедн",
            "lozink", "prijav", "dozvol", "ovlast", "sigurnost",
            "hasł", "hasl", "logow", "zalogow", "uprawnie", "dostęp", "rola", "roli", "klucz", "sekret", "szyfr",
            "sesj", "osobow", "prywatn", "płatno", "bezpiecz", "podatno", "podpis", "weryfik",
            "hesl", "přihláš", "prihlás", "oprávně", "oprávne", "přístup", "prístup", "klíč", "tajn", "šifr", "relac",
            "osobní", "osobné", "platb", "bezpečn", "zranitel",
            "wachtwoord", "inlog", "rechten", "toegang", "machtig", "sleutel", "geheim", "versleutel", "sessie",
            "persoonsgegeven", "privacy", "betaling", "beveilig", "kwetsba", "handtekening",
            "adgangskode", "passord", "lösenord", "innlogg", "inlogg", "rettighed", "rettighet", "behörighet",
            "adgang", "tilgang", "åtkomst", "nøgle", "nøkkel", "nyckel", "hemmelig", "hemlig", "krypt",
            "personoplys", "personopplys", "personuppgift", "betalning", "sikkerhed", "sikkerhet", "säkerhet",
            "sårbar", "signatur",
            "salasan", "kirjaut", "oikeu", "pääsy", "avain", "salai", "salaus", "istunto", "henkilötie", "maksu",
            "luottokort", "tietoturv", "haavoittu", "allekirjoit",
            "jelsz", "bejelentkez", "jogosults", "hozzáfér", "kulcs", "titk", "munkamenet", "személyes", "fizetés",
            "kártya", "biztonság", "sebezhet", "aláírás",
            "parolă", "parolei", "autentific", "permisiun", "cheie", "criptare", "sesiun", "plată", "plăți", "securit",
            "semnătur", "contrasenya", "permís", "accés", "seguretat", "sessió",
            "κωδικ", "συνδεθ", "δικαιώμ", "πρόσβασ", "ρόλ", "διαχειρισ", "διαχειριστ", "κλειδ", "μυστικ",
            "κρυπτογρ", "συνεδρ", "προσωπικ", "πληρωμ", "κάρτ", "ασφάλει", "ευπάθει", "υπογραφ",
            "şifre", "sifre", "giriş", "oturum", "yetki", "izin", "erişim", "anahtar", "gizli", "kişisel",
            "ödeme", "kart", "güvenlik", "imza", "doğrula",
            "סיסמ", "התחבר", "הרשא", "גישה", "מנהל", "מפתח", "סוד", "הצפנ", "פרטיות", "אישי", "תשלום", "אשראי",
            "אבטח", "פגיע", "חתימ",
            "رمز", "ورود", "دسترسی", "مجوز", "مدیر", "کلید", "شخصی", "حریم", "پرداخت", "امنیت", "آسیب", "امضا",
            "mật", "quyền", "khóa", "thẻ",
            "sandi", "akses", "kunci", "rahasia", "rahsia", "enkripsi", "pribadi", "peribadi", "pembayaran", "kartu",
            "keamanan", "keselamatan", "kebenaran", "pahintulot", "seguridad", "bayad",
            "nenosiri", "ruhusa", "ufunguo", "siri", "binafsi", "malipo", "kadi", "usalama",
            "비밀", "암호", "로그인", "인증", "권한", "접근", "관리자", "역할", "세션", "개인정보", "결제", "카드", "보안",
            "취약", "서명", "검증", "업로드");

    /** Chinese and Japanese, matched anywhere (no spaces mark their words). */
    public static final List<String> WITHOUT_SPACES = List.of("登录", "登入", "认证", "認証", "验证", "权限", "権限",
            "密码", "口令", "加密", "暗号", "令牌", "密钥", "漏洞", "脆弱", "注入", "会话", "隐私", "個人情報", "个人信息",
            "支付", "パスワード", "ログイン", "セッション", "トークン", "管理者", "アクセス", "決済");

    /**
     * {@link #STEMS} by their first character: a word is compared only with the stems it could start with, which
     * keeps a long pasted ask (60 KB of code on a task's first request) from being compared with every stem word by
     * word (2 ms for such an ask on this machine; 0.45 ms so).
     */
    private static final Map<Character, List<String>> BY_FIRST = STEMS.stream().collect(Collectors.groupingBy(
            stem -> stem.charAt(0)));

    private SecurityWords() {
    }

    /** Whether a word of the text starts with one of {@link #STEMS}, or the text holds one of {@link #WITHOUT_SPACES}. */
    public static boolean anyIn(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : WITHOUT_SPACES) {
            if (lower.contains(word)) {
                return true;
            }
        }
        int start = -1;
        for (int k = 0; k <= lower.length(); k++) {
            boolean letter = k < lower.length() && Character.isLetterOrDigit(lower.charAt(k));
            if (letter && start < 0) {
                start = k;
            } else if (!letter && start >= 0) {
                if (startsWithStem(lower, start, k)) {
                    return true;
                }
                start = -1;
            }
        }
        return false;
    }

    private static boolean startsWithStem(String text, int from, int to) {
        for (String stem : BY_FIRST.getOrDefault(text.charAt(from), List.of())) {
            if (to - from >= stem.length() && text.startsWith(stem, from)) {
                return true;
            }
        }
        return false;
    }
}
