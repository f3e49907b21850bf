# ruff: noqa: E501 (one table row per line reads best)
"""Reference tables for the demo data: real articles and parliaments, demo facilities, vocabularies.

Articles and parliaments are real public facts (docs/domain.md) and are kept when the demo data is
reset. Facilities carry realistic names and envelope-style addresses but are marked "(demo)" in
their Latin name: nobody should post a letter to a fictional prisoner.
"""

from solidarity.prisoners.choices import FacilityKind, Region

DEMO_SUFFIX = " (demo)"

# number: (English, Belarusian, Russian)
ARTICLES = {
    "130": (
        "Incitement to racial, national, religious or other social hatred",
        "Распальванне расавай, нацыянальнай, рэлігійнай або іншай сацыяльнай варожасці",
        "Разжигание расовой, национальной, религиозной либо иной социальной вражды",
    ),
    "188": ("Defamation", "Паклёп", "Клевета"),
    "191": (
        "Obstructing the exercise of electoral rights",
        "Перашкаджанне ажыццяўленню выбарчых правоў",
        "Воспрепятствование осуществлению избирательных прав",
    ),
    "289": ("Act of terrorism", "Акт тэрарызму", "Акт терроризма"),
    "293": ("Mass riots", "Масавыя беспарадкі", "Массовые беспорядки"),
    "339": ("Hooliganism", "Хуліганства", "Хулиганство"),
    "342": (
        "Organising or actively taking part in group actions grossly violating public order",
        "Арганізацыя групавых дзеянняў, якія груба парушаюць грамадскі парадак, або ўдзел у іх",
        "Организация действий, грубо нарушающих общественный порядок, либо участие в них",
    ),
    "356": ("High treason", "Здрада дзяржаве", "Измена государству"),
    "357": (
        "Conspiracy to seize state power",
        "Змова з мэтай захопу дзяржаўнай улады",
        "Заговор с целью захвата государственной власти",
    ),
    "361": (
        "Calls for actions harming the national security of Belarus",
        "Заклікі да дзеянняў, накіраваных на прычыненне шкоды нацыянальнай бяспецы",
        "Призывы к действиям, направленным на причинение вреда национальной безопасности",
    ),
    "361-1": (
        "Creating or taking part in an extremist formation",
        "Стварэнне экстрэмісцкага фарміравання або ўдзел у ім",
        "Создание экстремистского формирования либо участие в нём",
    ),
    "361-2": (
        "Financing extremist activity",
        "Фінансаванне экстрэмісцкай дзейнасці",
        "Финансирование экстремистской деятельности",
    ),
    "361-4": (
        "Facilitating extremist activity",
        "Садзейнічанне экстрэмісцкай дзейнасці",
        "Содействие экстремистской деятельности",
    ),
    "364": (
        "Violence or threat of violence against a police officer",
        "Гвалт або пагроза гвалтам у адносінах да супрацоўніка органаў унутраных спраў",
        "Насилие либо угроза применения насилия в отношении сотрудника органов внутренних дел",
    ),
    "366": (
        "Violence or threat against an official or a person performing a public duty",
        "Гвалт або пагроза ў адносінах да службовай асобы",
        "Насилие или угроза в отношении должностного лица",
    ),
    "367": (
        "Defamation of the President",
        "Паклёп у адносінах да Прэзідэнта Рэспублікі Беларусь",
        "Клевета в отношении Президента Республики Беларусь",
    ),
    "368": (
        "Insulting the President",
        "Абраза Прэзідэнта Рэспублікі Беларусь",
        "Оскорбление Президента Республики Беларусь",
    ),
    "369": ("Insulting a representative of authority", "Абраза прадстаўніка ўлады", "Оскорбление представителя власти"),
    "370": ("Desecration of state symbols", "Знявага дзяржаўных сімвалаў", "Надругательство над государственными символами"),
    "411": (
        "Malicious disobedience to the administration of a correctional institution",
        "Злоснае непадпарадкаванне патрабаванням адміністрацыі папраўчай установы",
        "Злостное неповиновение требованиям администрации исправительного учреждения",
    ),
}  # fmt: skip

# How often each article appears in a case, and which parts it is charged under.
ARTICLE_WEIGHTS = {
    "342": 30, "361-1": 14, "369": 12, "130": 9, "368": 9, "361-4": 7, "364": 6, "361": 5,
    "361-2": 5, "339": 5, "293": 3, "367": 3, "366": 3, "370": 2, "188": 2, "289": 1, "357": 1,
    "356": 1, "191": 1,
}  # fmt: skip
ARTICLE_PARTS = {
    "342": ("1", "2"), "361-1": ("1", "2", "3"), "130": ("1", "3"), "364": ("",),
    "361": ("1", "3"), "361-2": ("1",), "339": ("1", "2"), "293": ("1", "2"), "366": ("1", "2"),
    "411": ("1", "2"), "289": ("1", "3"), "356": ("",), "357": ("1", "3"),
}  # fmt: skip

_REGION_LINE = {
    Region.BREST: "Брестская обл.",
    Region.VITEBSK: "Витебская обл.",
    Region.GOMEL: "Гомельская обл.",
    Region.GRODNO: "Гродненская обл.",
    Region.MINSK_REGION: "Минская обл.",
    Region.MOGILEV: "Могилёвская обл.",
}


def _facility(name, latin, kind, region, city, short, street, postcode):
    lines = [short, street, f"{postcode}, г. {city}"]
    if region in _REGION_LINE:
        lines.append(_REGION_LINE[region])
    return {
        "name": name,
        "name_latin": latin + DEMO_SUFFIX,
        "kind": kind,
        "region": region,
        "city": city,
        "postal_address": "\n".join(lines),
        "postal_code": postcode,
    }


_S, _C, _P, _O, _T = (
    FacilityKind.PRE_TRIAL,
    FacilityKind.COLONY,
    FacilityKind.PRISON,
    FacilityKind.OPEN_FACILITY,
    FacilityKind.TEMPORARY,
)
_R = Region
FACILITIES = (
    _facility("СИЗО-1 г. Минска", "Pre-trial centre No. 1, Minsk", _S, _R.MINSK_CITY, "Минск", "СИЗО-1", "ул. Володарского, 2", "220030"),
    _facility("СИЗО-8 г. Жодино", "Pre-trial centre No. 8, Zhodzina", _S, _R.MINSK_REGION, "Жодино", "СИЗО-8", "ул. Советская, 22а", "222163"),
    _facility("СИЗО-1 г. Гродно", "Pre-trial centre No. 1, Hrodna", _S, _R.GRODNO, "Гродно", "СИЗО-1", "ул. Кирова, 1", "230023"),
    _facility("СИЗО-2 г. Витебска", "Pre-trial centre No. 2, Viciebsk", _S, _R.VITEBSK, "Витебск", "СИЗО-2", "ул. Гагарина, 2", "210026"),
    _facility("СИЗО-3 г. Гомеля", "Pre-trial centre No. 3, Homiel", _S, _R.GOMEL, "Гомель", "СИЗО-3", "ул. Книжная, 1а", "246003"),
    _facility("СИЗО-4 г. Могилёва", "Pre-trial centre No. 4, Mahilioŭ", _S, _R.MOGILEV, "Могилёв", "СИЗО-4", "ул. Крупской, 99а", "212011"),
    _facility("СИЗО-7 г. Бреста", "Pre-trial centre No. 7, Brest", _S, _R.BREST, "Брест", "СИЗО-7", "ул. Советская, 5", "224030"),
    _facility("ИК-1 г. Новополоцка", "Penal colony No. 1, Navapolack", _C, _R.VITEBSK, "Новополоцк", "ИК-1", "ул. Техническая, 8", "211440"),
    _facility("ИК-2 г. Бобруйска", "Penal colony No. 2, Babrujsk", _C, _R.MOGILEV, "Бобруйск", "ИК-2", "ул. Сикорского, 1", "213800"),
    _facility("ИК-3 «Витьба»", "Penal colony No. 3 'Vitba'", _C, _R.VITEBSK, "Витебск", "ИК-3", "пос. Витьба, 1", "211322"),
    _facility("ИК-4 г. Гомеля", "Penal colony No. 4, Homiel (women)", _C, _R.GOMEL, "Гомель", "ИК-4", "ул. Антошкина, 3", "246035"),
    _facility("ИК-9 г. Горки", "Penal colony No. 9, Horki", _C, _R.MOGILEV, "Горки", "ИК-9", "ул. Заводская, 14", "213410"),
    _facility("ИК-11 г. Волковыска", "Penal colony No. 11, Vaŭkavysk", _C, _R.GRODNO, "Волковыск", "ИК-11", "ул. Боровика, 3", "231900"),
    _facility("ИК-13 г. Глубокое", "Penal colony No. 13, Hlybokaje", _C, _R.VITEBSK, "Глубокое", "ИК-13", "ул. Линейная, 2", "211800"),
    _facility("ИК-15 г. Могилёва", "Penal colony No. 15, Mahilioŭ", _C, _R.MOGILEV, "Могилёв", "ИК-15", "Славгородское шоссе, 183", "212013"),
    _facility("ИК-17 г. Шклова", "Penal colony No. 17, Shkloŭ", _C, _R.MOGILEV, "Шклов", "ИК-17", "ул. Заводская, 1", "213004"),
    _facility("ИК-20 г. Мозыря", "Penal colony No. 20, Mazyr", _C, _R.GOMEL, "Мозырь", "ИК-20", "ул. Пролетарская, 207", "247760"),
    _facility("ИК-22 «Волчьи норы»", "Penal colony No. 22 'Vaŭčyja Nory'", _C, _R.BREST, "Ивацевичи", "ИК-22", "пос. Доманово, 1", "225295"),
    _facility("ИК-24 пос. Заречье", "Penal colony No. 24, Zarečča (women)", _C, _R.GOMEL, "Речица", "ИК-24", "пос. Заречье, 1", "247523"),
    _facility("Тюрьма № 1 г. Гродно", "Prison No. 1, Hrodna", _P, _R.GRODNO, "Гродно", "Тюрьма № 1", "ул. Кирова, 1", "230023"),
    _facility("Тюрьма № 4 г. Могилёва", "Prison No. 4, Mahilioŭ", _P, _R.MOGILEV, "Могилёв", "Тюрьма № 4", "ул. Крупской, 99а", "212011"),
    _facility("Тюрьма № 8 г. Жодино", "Prison No. 8, Zhodzina", _P, _R.MINSK_REGION, "Жодино", "Тюрьма № 8", "ул. Советская, 22а", "222163"),
    _facility("ИУОТ № 2 г. Минска", "Open facility No. 2, Minsk", _O, _R.MINSK_CITY, "Минск", "ИУОТ № 2", "ул. Уральская, 9", "220038"),
    _facility("ИУОТ № 11 г. Могилёва", "Open facility No. 11, Mahilioŭ", _O, _R.MOGILEV, "Могилёв", "ИУОТ № 11", "ул. Челюскинцев, 60", "212003"),
    _facility("ИУОТ № 17 г. Гомеля", "Open facility No. 17, Homiel", _O, _R.GOMEL, "Гомель", "ИУОТ № 17", "ул. Ефремова, 24", "246020"),
    _facility("ИУОТ № 23 г. Барановичи", "Open facility No. 23, Baranavičy", _O, _R.BREST, "Барановичи", "ИУОТ № 23", "ул. Пролетарская, 51", "225409"),
    _facility("ИУОТ № 48 г. Витебска", "Open facility No. 48, Viciebsk", _O, _R.VITEBSK, "Витебск", "ИУОТ № 48", "ул. Гагарина, 70", "210038"),
    _facility("ЦИП ГУВД Мингорисполкома", "Offenders' isolation centre, Minsk", _T, _R.MINSK_CITY, "Минск", "ЦИП", "пер. Окрестина, 36", "220123"),
)  # fmt: skip
WOMEN_COLONIES = ("ИК-4 г. Гомеля", "ИК-24 пос. Заречье")

# (kind, country code, name, short name, chamber, language pool, spoken languages, parties)
# The first five columns repeat rows of solidarity.godparents.parliament_list.PARLIAMENTS (which
# a migration creates), so that seeding reuses those rows instead of adding look-alikes.
PARLIAMENTS = (
    ("national", "DE", "Deutscher Bundestag", "Bundestag", "", "de", ["de", "en"], ("CDU/CSU", "SPD", "Bündnis 90/Die Grünen", "FDP")),
    ("national", "LT", "Lietuvos Respublikos Seimas", "Seimas", "", "lt", ["lt", "en", "ru"], ("TS-LKD", "LSDP", "Liberalų sąjūdis")),
    ("national", "PL", "Parlament Rzeczypospolitej Polskiej", "Sejm", "Sejm", "pl", ["pl", "en", "ru"], ("Koalicja Obywatelska", "PiS", "Polska 2050", "Lewica")),
    ("national", "PL", "Parlament Rzeczypospolitej Polskiej", "Senat", "Senat", "pl", ["pl", "en"], ("Koalicja Obywatelska", "PiS", "Lewica")),
    ("national", "LV", "Latvijas Republikas Saeima", "Saeima", "", "lv", ["lv", "en", "ru"], ("Jaunā Vienotība", "Nacionālā apvienība", "Progresīvie")),
    ("national", "EE", "Riigikogu", "Riigikogu", "", "et", ["et", "en"], ("Reformierakond", "Eesti 200", "Isamaa", "Sotsiaaldemokraatlik Erakond")),
    ("national", "GB", "Parliament of the United Kingdom", "Commons", "House of Commons", "en", ["en"], ("Labour", "Conservative", "Liberal Democrats", "SNP")),
    ("national", "GB", "Parliament of the United Kingdom", "Lords", "House of Lords", "en", ["en", "fr"], ("Labour", "Conservative", "Crossbench")),
    ("national", "FR", "Parlement français", "AN", "Assemblée nationale", "fr", ["fr", "en"], ("Renaissance", "Les Républicains", "Socialistes", "Écologiste")),
    ("national", "NL", "Staten-Generaal", "Tweede Kamer", "Tweede Kamer", "nl", ["nl", "en", "de"], ("VVD", "GroenLinks-PvdA", "CDA", "D66")),
    ("national", "SE", "Sveriges riksdag", "Riksdag", "", "sv", ["sv", "en"], ("Socialdemokraterna", "Moderaterna", "Liberalerna", "Centerpartiet")),
    ("national", "DK", "Folketinget", "Folketing", "", "da", ["da", "en"], ("Socialdemokratiet", "Venstre", "SF", "Radikale Venstre")),
    ("national", "FI", "Eduskunta", "Eduskunta", "", "fi", ["fi", "sv", "en"], ("Kokoomus", "SDP", "Vihreät", "Keskusta")),
    ("national", "NO", "Stortinget", "Storting", "", "no", ["no", "en"], ("Arbeiderpartiet", "Høyre", "Venstre", "SV")),
    ("national", "US", "United States Congress", "House", "House of Representatives", "en", ["en"], ("Democratic", "Republican")),
    ("national", "US", "United States Congress", "Senate", "Senate", "en", ["en"], ("Democratic", "Republican")),
    ("national", "CA", "Parliament of Canada", "Commons", "House of Commons", "en", ["en", "fr"], ("Liberal", "Conservative", "NDP")),
    ("national", "IE", "Oireachtas", "Dáil", "Dáil Éireann", "en", ["en"], ("Fianna Fáil", "Fine Gael", "Labour")),
    ("national", "CZ", "Parlament České republiky", "Sněmovna", "Poslanecká sněmovna", "cs", ["cs", "en"], ("ODS", "STAN", "Piráti", "KDU-ČSL")),
    ("national", "SK", "Národná rada Slovenskej republiky", "NR SR", "", "sk", ["sk", "en"], ("Progresívne Slovensko", "KDH", "SaS")),
    ("national", "AT", "Österreichisches Parlament", "Nationalrat", "Nationalrat", "de", ["de", "en"], ("ÖVP", "SPÖ", "Grüne", "NEOS")),
    ("national", "CH", "Bundesversammlung", "Nationalrat", "Nationalrat", "de", ["de", "fr", "en"], ("SP", "FDP", "Die Mitte", "Grüne")),
    ("national", "BE", "Federaal Parlement", "Kamer", "Kamer van volksvertegenwoordigers", "fr", ["fr", "nl", "en"], ("MR", "Les Engagés", "Groen", "CD&V")),
    ("national", "IT", "Parlamento italiano", "Camera", "Camera dei deputati", "it", ["it", "en"], ("Partito Democratico", "Azione", "Forza Italia")),
    ("national", "ES", "Cortes Generales", "Congreso", "Congreso de los Diputados", "es", ["es", "en"], ("PSOE", "PP", "Sumar")),
    ("national", "PT", "Assembleia da República", "AR", "", "pt", ["pt", "en"], ("PS", "PSD", "Iniciativa Liberal")),
    ("national", "IS", "Alþingi", "Althing", "", "is", ["is", "en"], ("Sjálfstæðisflokkurinn", "Samfylkingin", "Viðreisn")),
    ("national", "UA", "Верховна Рада України", "Verkhovna Rada", "", "uk", ["uk", "en", "ru"], ("Servant of the People", "European Solidarity", "Holos")),
    ("national", "SI", "Državni zbor Republike Slovenije", "DZ", "", "sl", ["sl", "en"], ("Gibanje Svoboda", "SDS", "SD")),
    ("national", "RO", "Parlamentul României", "Camera Deputaților", "Camera Deputaților", "ro", ["ro", "en"], ("PNL", "PSD", "USR")),
    ("international", "", "European Parliament", "EP", "", "", ["en", "fr"], ("EPP", "S&D", "Renew Europe", "Greens/EFA", "ECR")),
    ("international", "", "Parliamentary Assembly of the Council of Europe", "PACE", "", "", ["en", "fr"], ("EPP/CD", "SOC", "ALDE", "EC/DA", "UEL")),
    ("international", "", "OSCE Parliamentary Assembly", "OSCE PA", "", "", ["en"], ("",)),
    ("international", "", "NATO Parliamentary Assembly", "NATO PA", "", "", ["en"], ("",)),
)  # fmt: skip

# slug: (English, Belarusian, Russian)
BACKGROUNDS = {
    "journalist": ("Journalist", "Журналіст", "Журналист"),
    "trade-unionist": ("Trade unionist", "Прафсаюзны актывіст", "Профсоюзный активист"),
    "student": ("Student", "Студэнт", "Студент"),
    "teacher": ("Teacher", "Настаўнік", "Учитель"),
    "doctor": ("Medical worker", "Медык", "Медик"),
    "it": ("IT specialist", "IT-спецыяліст", "IT-специалист"),
    "artist": ("Artist or musician", "Мастак або музыка", "Художник или музыкант"),
    "politician": ("Politician", "Палітык", "Политик"),
    "human-rights": ("Human rights defender", "Праваабаронца", "Правозащитник"),
    "lawyer": ("Lawyer", "Юрыст", "Юрист"),
    "worker": ("Factory worker", "Рабочы", "Рабочий"),
    "entrepreneur": ("Entrepreneur", "Прадпрымальнік", "Предприниматель"),
    "religious": ("Religious community", "Рэлігійная супольнасць", "Религиозная община"),
    "athlete": ("Athlete", "Спартсмен", "Спортсмен"),
    "scientist": ("Scientist", "Навуковец", "Учёный"),
    "pensioner": ("Pensioner", "Пенсіянер", "Пенсионер"),
}

# occupation text (English, as a defenders' list would summarise it) for each background
OCCUPATIONS = {
    "journalist": ("Regional newspaper journalist", "Photographer", "Editor of a local news site"),
    "trade-unionist": ("Member of an independent trade union", "Union chair at a chemical plant"),
    "student": ("Student of history", "Student of linguistics", "Student of engineering"),
    "teacher": ("Primary school teacher", "Music teacher", "Teacher of mathematics"),
    "doctor": ("Anaesthetist", "Nurse", "Paediatrician"),
    "it": ("Software developer", "System administrator", "QA engineer"),
    "artist": ("Painter", "Rock musician", "Theatre actor"),
    "politician": ("Local council candidate", "Campaign volunteer", "Party coordinator"),
    "human-rights": ("Volunteer of a human rights centre", "Election observer"),
    "lawyer": ("Defence lawyer", "Legal consultant"),
    "worker": ("Metalworker", "Electrician at a potash mine", "Tractor factory fitter"),
    "entrepreneur": ("Owner of a small café", "Private carpenter", "Bookshop owner"),
    "religious": ("Parish volunteer", "Church choir singer"),
    "athlete": ("Former basketball player", "Swimming coach"),
    "scientist": ("Physicist", "Biologist", "Historian at a research institute"),
    "pensioner": ("Retired engineer", "Retired schoolteacher"),
}

INTERESTS = (
    "books", "history", "chess", "gardening", "cooking", "football", "cats", "dogs",
    "classical music", "rock music", "poetry", "painting", "photography", "hiking",
    "fishing", "cinema", "languages", "astronomy", "carpentry", "knitting", "running",
    "theatre", "travel", "board games", "birdwatching",
)  # fmt: skip
