package dev.srooter.plugins.classifier;

import java.util.List;

/**
 * The cue stems of {@link Cues} in more languages: Russian, Ukrainian, Bulgarian, Serbian and Croatian, Polish, Czech
 * and Slovak, Dutch, Danish, Norwegian, Swedish, Finnish, Hungarian, Romanian, Catalan, Greek, Turkish, Hebrew,
 * Persian, Vietnamese, Indonesian and Malay, Tagalog, Swahili, Korean and romanized Hindi. The corpus teaches few of
 * them, and a language it does not teach was read from its identifiers and borrowed words alone (a source of asks in
 * fifteen such languages scored 56% held out). Written from the words each language uses for the kinds of work, not
 * from any labelled set; stems short enough to be ambiguous (Russian "прав" is both rights and correct) are left out.
 * Thai writes no spaces between words and is not covered.
 */
final class OtherLanguages {

    private OtherLanguages() {
    }

    /** Security work: one list with the gateway's screen ({@link dev.srooter.api.SecurityWords}). */
    static final List<String> SECURITY = dev.srooter.api.SecurityWords.STEMS;

    static final List<String> ARCHITECTURE = List.of(
            "архитект", "миграц", "схем", "таблиц", "столб", "колонк", "сервис", "микросерв", "модул", "верси",
            "база", "базы", "базу", "кэш", "кеш", "очеред", "событи", "контракт", "монолит", "шард", "репли",
            "архітект", "міграц", "сервіс", "черг", "услуг",
            "arhitekt", "migracij", "tabel", "kolon", "servis", "modul", "verzij", "baza", "baze", "bazu",
            "architekt", "migracj", "kolumn", "serwis", "moduł", "wersj", "kolejk", "zdarze", "mikroserw",
            "migrac", "tabul", "sloup", "stĺp", "služb", "verze", "verzi", "databáz",
            "architectuur", "migratie", "kolom", "dienst", "versie", "databa", "wachtrij", "gebeurtenis",
            "arkitektur", "migrering", "kolonne", "tjeneste", "tjänst", "versjon", "databas", "hændelse",
            "hendelse", "händelse",
            "arkkiteh", "migraat", "taulu", "sarake", "palvelu", "moduuli", "versio", "tietokan", "jono",
            "migráci", "tábla", "oszlop", "szolgáltat", "verzi", "adatbázis", "esemény",
            "arhitect", "migrar", "coloan", "servici", "versiun", "bază", "coad", "eveniment",
            "taula", "servei", "mòdul", "versi",
            "αρχιτεκτον", "πίνακ", "στήλ", "υπηρεσί", "έκδοσ", "βάση", "βάσεις", "σχήμα", "ουρά", "γεγον", "μετάπτωσ",
            "mimari", "migrasyon", "tablo", "sütun", "modül", "sürüm", "versiyon", "veritaban", "kuyruk", "olay",
            "ארכיטקט", "מיגרצ", "טבל", "שירות", "מודול", "גרס", "מסד", "אירוע",
            "معماری", "مهاجرت", "جدول", "ستون", "سرویس", "ماژول", "نسخه", "پایگاه", "رویداد",
            "bảng", "cột",
            "arsitektur", "migrasi", "jadual", "lajur", "layanan", "perkhidmatan", "pangkalan", "antrian", "gilir",
            "peristiwa", "arkitektura", "talahanayan", "serbisyo",
            "usanifu", "jedwali", "huduma", "toleo", "hifadhidata", "foleni",
            "아키텍처", "설계", "마이그레이션", "테이블", "컬럼", "스키마", "서비스", "모듈", "버전", "데이터베이스", "캐시",
            "이벤트", "토픽", "분리", "모놀리", "멀티");

    static final List<String> SMALL = List.of(
            "опечат", "переимен", "коммент", "формат", "объясн", "что", "итог", "кратк", "заголов", "сортир",
            "отступ", "перейм", "коментар", "поясн", "що", "правопис", "преимен", "обясн", "какво", "шта",
            "objasn", "šta", "literówk", "sformat", "wyjaśni", "podsumow", "překlep", "přejmen", "komentá",
            "vysvětl", "shrn", "preklep", "premen", "vysvetl", "typfout", "hernoem", "uitleg", "samenvat",
            "stavefejl", "omdøb", "forklar", "hvad", "hva", "opsummer", "oppsummer", "skrivefeil", "stavfel",
            "förklar", "vad", "sammanfatt", "kirjoitusvirhe", "nimeä", "kommentti", "selitä", "mitä", "yhteenve",
            "otsik", "elírás", "átnevez", "komment", "magyaráz", "összefoglal", "redenum", "comentari", "rezum",
            "errada", "reanomena",
            "ορθογραφ", "μετονόμασ", "σχόλι", "εξήγ", "σύνοψ", "περίληψ", "τίτλ", "ταξινόμ", "στοίχισ",
            "yazım", "adlandır", "yorum", "açıkla", "nedir", "özet", "başlık", "biçimlendir",
            "כתיב", "הערה", "הסבר", "סכם", "סיכום", "כותרת", "املا", "توضیح", "خلاصه", "عنوان",
            "tóm", "tiêu", "jelas", "ringkas", "judul", "tajuk", "ipaliwanag", "buod",
            "tahajia", "maoni", "eleza", "nini", "muhtasari", "kichwa",
            "오타", "이름", "주석", "포맷", "설명", "요약", "제목", "정렬", "들여쓰기", "samjha", "kya");

    static final List<String> CODE = List.of(
            "реализ", "исправ", "почин", "баг", "ошибк", "падает", "тест", "рефактор", "функци", "метод", "медлен",
            "тормоз", "памят", "утечк", "добав", "фич", "фильтр", "экспорт", "пагинац", "реаліз", "виправ",
            "помилк", "функці", "повільн", "додай", "фільтр", "поправ", "грешк", "добави", "бавн",
            "ispravi", "popravi", "grešk", "dodaj", "funkcij",
            "zaimplement", "napraw", "popraw", "błąd", "błęd", "refaktor", "funkcj", "woln", "pamię", "filtr",
            "eksport", "paginacj", "stronicow",
            "oprav", "chyb", "funkc", "pomal", "paměť", "pamäť", "přid", "prida",
            "repareer", "herstel", "fout", "functie", "traag", "geheugen", "voeg", "toevoeg", "exporteer",
            "fejl", "feil", "fiks", "fixa", "funktion", "funksjon", "langsom", "långsam", "hukommelse", "minne",
            "tilføj", "legg", "lägg",
            "toteuta", "korjaa", "virhe", "funktio", "hidas", "muisti", "lisää", "suodat",
            "implementál", "javít", "hiba", "függvény", "lass", "memóri", "hozzá", "szűr", "lapoz",
            "implementea", "repar", "eroare", "erori", "funcți", "memori", "adaug", "arregla", "corregeix",
            "funció", "afegeix", "filtre",
            "υλοποί", "διόρθω", "σφάλ", "λάθ", "τεστ", "συνάρτησ", "αργ", "μνήμ", "πρόσθεσ", "προσθήκ", "φίλτρ",
            "εξαγωγ", "σελιδοποί",
            "uygula", "düzelt", "hata", "fonksiyon", "yavaş", "bellek", "ekle", "filtre", "aktar",
            "לממש", "מימוש", "תקן", "באג", "שגיא", "בדיק", "פונקצי", "איט", "זיכרון", "הוסף", "סינון", "ייצוא",
            "پیاده", "اصلاح", "باگ", "خطا", "تست", "تابع", "حافظه", "اضافه", "فیلتر", "خروجی",
            "triển", "sửa", "lỗi", "hàm", "chậm", "thêm", "lọc", "xuất",
            "implementasi", "perbaik", "baiki", "kesalahan", "galat", "ralat", "uji", "fungsi", "lambat",
            "perlahan", "tambah", "ekspor", "ayusin", "idagdag", "magdagdag", "mabagal",
            "rekebisha", "hitilafu", "majaribio", "jaribio", "polepole", "ongeza", "chuja",
            "구현", "수정", "고쳐", "버그", "오류", "에러", "테스트", "리팩터", "함수", "느려", "느림", "메모리", "추가",
            "필터", "내보내", "페이지네이션", "theek", "galti");
}
