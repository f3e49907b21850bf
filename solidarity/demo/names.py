"""Name tables for fictional people: Belarusian names in three spellings, godparents per country.

Every combination is drawn at random, so the people are fictional even though each given name and
surname on its own is common. Spellings follow the 2008 passport romanisation that the defenders'
lists mostly use (Kalesnikava, Siarhei, Yauhen).
"""

# (Belarusian Cyrillic, Russian Cyrillic, Latin)
MALE_GIVEN = (
    ("Аляксандр", "Александр", "Aliaksandr"), ("Сяргей", "Сергей", "Siarhei"),
    ("Андрэй", "Андрей", "Andrei"), ("Дзмітрый", "Дмитрий", "Dzmitry"),
    ("Мікалай", "Николай", "Mikalai"), ("Павел", "Павел", "Pavel"),
    ("Уладзімір", "Владимир", "Uladzimir"), ("Віктар", "Виктор", "Viktar"),
    ("Ігар", "Игорь", "Ihar"), ("Максім", "Максим", "Maksim"), ("Раман", "Роман", "Raman"),
    ("Ян", "Ян", "Yan"), ("Антон", "Антон", "Anton"), ("Алег", "Олег", "Aleh"),
    ("Вадзім", "Вадим", "Vadzim"), ("Юрый", "Юрий", "Yury"), ("Яўген", "Евгений", "Yauhen"),
    ("Васіль", "Василий", "Vasil"), ("Міхаіл", "Михаил", "Mikhail"), ("Кірыл", "Кирилл", "Kiryl"),
    ("Ілля", "Илья", "Illia"), ("Арцём", "Артём", "Artsiom"),
    ("Станіслаў", "Станислав", "Stanislau"), ("Леанід", "Леонид", "Leanid"),
    ("Генадзь", "Геннадий", "Henadz"), ("Пётр", "Пётр", "Piotr"), ("Мікіта", "Никита", "Mikita"),
    ("Ягор", "Егор", "Yahor"), ("Уладзіслаў", "Владислав", "Uladzislau"),
    ("Анатоль", "Анатолий", "Anatol"),
)  # fmt: skip

FEMALE_GIVEN = (
    ("Марыя", "Мария", "Maryia"), ("Вольга", "Ольга", "Volha"),
    ("Наталля", "Наталья", "Natallia"), ("Таццяна", "Татьяна", "Tatsiana"),
    ("Алена", "Елена", "Alena"), ("Ірына", "Ирина", "Iryna"),
    ("Святлана", "Светлана", "Sviatlana"), ("Ганна", "Анна", "Hanna"),
    ("Кацярына", "Екатерина", "Katsiaryna"), ("Юлія", "Юлия", "Yuliya"),
    ("Людміла", "Людмила", "Liudmila"), ("Ксенія", "Ксения", "Kseniya"),
    ("Валерыя", "Валерия", "Valeryia"), ("Дар'я", "Дарья", "Darya"),
    ("Паліна", "Полина", "Palina"), ("Вераніка", "Вероника", "Veranika"),
    ("Настасся", "Анастасия", "Nastassia"), ("Алеся", "Олеся", "Alesia"),
    ("Яна", "Яна", "Yana"), ("Галіна", "Галина", "Halina"), ("Ніна", "Нина", "Nina"),
    ("Марына", "Марина", "Maryna"), ("Віялета", "Виолетта", "Viyaleta"),
    ("Аксана", "Оксана", "Aksana"),
)  # fmt: skip

# ((masculine be, ru, latin), (feminine be, ru, latin)); the same triple when the form is shared.
_SHARED = (
    ("Каваленка", "Коваленко", "Kavalenka"), ("Новік", "Новик", "Novik"),
    ("Шаўчук", "Шевчук", "Shauchuk"), ("Ляўковіч", "Левкович", "Liaukovich"),
    ("Жук", "Жук", "Zhuk"), ("Бондар", "Бондарь", "Bondar"),
    ("Грышкевіч", "Гришкевич", "Hryshkevich"), ("Мельнік", "Мельник", "Melnik"),
    ("Абрамовіч", "Абрамович", "Abramovich"), ("Цішкевіч", "Тишкевич", "Tsishkevich"),
    ("Радзевіч", "Радевич", "Radzevich"), ("Карповіч", "Карпович", "Karpovich"),
    ("Лукашэвіч", "Лукашевич", "Lukashevich"), ("Мацкевіч", "Мацкевич", "Matskevich"),
    ("Яўсеенка", "Евсеенко", "Yauseyenka"), ("Сідарук", "Сидорук", "Sidaruk"),
    ("Юрчанка", "Юрченко", "Yurchanka"), ("Пашкевіч", "Пашкевич", "Pashkevich"),
    ("Козел", "Козел", "Kozel"), ("Барысевіч", "Борисевич", "Barysevich"),
    ("Ціхановіч", "Тихонович", "Tsikhanovich"), ("Дубовік", "Дубовик", "Dubovik"),
    ("Лаўрыновіч", "Лавринович", "Laurynovich"), ("Клімовіч", "Климович", "Klimovich"),
)  # fmt: skip
_GENDERED = (
    (("Калеснікаў", "Колесников", "Kalesnikau"), ("Калеснікава", "Колесникова", "Kalesnikava")),
    (("Пятроў", "Петров", "Piatrou"), ("Пятрова", "Петрова", "Piatrova")),
    (("Іваноў", "Иванов", "Ivanou"), ("Іванова", "Иванова", "Ivanova")),
    (("Кузняцоў", "Кузнецов", "Kuzniatsou"), ("Кузняцова", "Кузнецова", "Kuzniatsova")),
    (("Навіцкі", "Новицкий", "Navitski"), ("Навіцкая", "Новицкая", "Navitskaya")),
    (("Марозаў", "Морозов", "Marozau"), ("Марозава", "Морозова", "Marozava")),
    (("Сакалоў", "Соколов", "Sakalou"), ("Сакалова", "Соколова", "Sakalova")),
    (("Казлоў", "Козлов", "Kazlou"), ("Казлова", "Козлова", "Kazlova")),
    (("Лапіцкі", "Лапицкий", "Lapitski"), ("Лапіцкая", "Лапицкая", "Lapitskaya")),
    (("Вішнеўскі", "Вишневский", "Vishneuski"), ("Вішнеўская", "Вишневская", "Vishneuskaya")),
    (("Дзянісаў", "Денисов", "Dzianisau"), ("Дзянісава", "Денисова", "Dzianisava")),
    (("Савіцкі", "Савицкий", "Savitski"), ("Савіцкая", "Савицкая", "Savitskaya")),
    (("Вераб'ёў", "Воробьёв", "Verabiou"), ("Вераб'ёва", "Воробьёва", "Verabiova")),
    (("Шыманскі", "Шиманский", "Shymanski"), ("Шыманская", "Шиманская", "Shymanskaya")),
    (("Зайцаў", "Зайцев", "Zaitsau"), ("Зайцава", "Зайцева", "Zaitsava")),
    (("Мілаванаў", "Милованов", "Milavanau"), ("Мілаванава", "Милованова", "Milavanava")),
    (("Бялоўскі", "Беловский", "Bialouski"), ("Бялоўская", "Беловская", "Bialouskaya")),
    (("Лабановіч", "Лобанович", "Labanovich"), ("Лабановіч", "Лобанович", "Labanovich")),
    (("Жданаў", "Жданов", "Zhdanau"), ("Жданава", "Жданова", "Zhdanava")),
    (("Гарэцкі", "Горецкий", "Haretski"), ("Гарэцкая", "Горецкая", "Haretskaya")),
    (("Сямёнаў", "Семёнов", "Siamionau"), ("Сямёнава", "Семёнова", "Siamionava")),
    (("Валчкоў", "Волчков", "Valchkou"), ("Валчкова", "Волчкова", "Valchkova")),
    (("Мядзведзеў", "Медведев", "Miadzviedzeu"), ("Мядзведзева", "Медведева", "Miadzviedzeva")),
    (("Карнілаў", "Корнилов", "Karnilau"), ("Карнілава", "Корнилова", "Karnilava")),
    (("Ракіцкі", "Ракитский", "Rakitski"), ("Ракіцкая", "Ракитская", "Rakitskaya")),
    (("Булаўскі", "Буловский", "Bulauski"), ("Булаўская", "Буловская", "Bulauskaya")),
)
SURNAMES = tuple((form, form) for form in _SHARED) + _GENDERED

# Godparent name pools: (male given names, female given names, (masculine, feminine) surnames).
_PLAIN = lambda *names: tuple((name, name) for name in names)  # noqa: E731
NAME_POOLS = {
    "de": (
        ("Thomas", "Michael", "Jan", "Felix", "Lukas", "Matthias", "Stefan"),
        ("Anna", "Katrin", "Julia", "Sabine", "Lena", "Claudia", "Franziska"),
        _PLAIN("Becker", "Hoffmann", "Wagner", "Schulz", "Krüger", "Neumann", "Vogel", "Lehmann"),
    ),
    "lt": (
        ("Tomas", "Mantas", "Andrius", "Linas", "Darius", "Rokas"),
        ("Rūta", "Aušra", "Ieva", "Laura", "Agnė", "Eglė"),
        (("Kazlauskas", "Kazlauskienė"), ("Petrauskas", "Petrauskienė"),
         ("Jankauskas", "Jankauskienė"), ("Žukauskas", "Žukauskienė"),
         ("Paulauskas", "Paulauskienė"), ("Vasiliauskas", "Vasiliauskienė")),
    ),
    "pl": (
        ("Piotr", "Tomasz", "Paweł", "Krzysztof", "Marcin", "Michał"),
        ("Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Ewa"),
        (("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
         ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"), ("Lewandowski", "Lewandowska")),
    ),
    "lv": (
        ("Jānis", "Andris", "Mārtiņš", "Edgars", "Artis"),
        ("Inese", "Ilze", "Linda", "Kristīne", "Dace"),
        (("Bērziņš", "Bērziņa"), ("Kalniņš", "Kalniņa"), ("Ozoliņš", "Ozoliņa"),
         ("Liepiņš", "Liepiņa"), ("Krūmiņš", "Krūmiņa")),
    ),
    "et": (
        ("Martin", "Andres", "Jaan", "Priit", "Tarmo"),
        ("Kadri", "Liis", "Triin", "Kristiina", "Maarja"),
        _PLAIN("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Rebane"),
    ),
    "en": (
        ("James", "David", "Daniel", "Mark", "Michael", "Robert", "Andrew"),
        ("Sarah", "Emma", "Rachel", "Laura", "Kate", "Helen", "Claire"),
        _PLAIN("Smith", "Walker", "Turner", "Clarke", "Hughes", "Bennett", "Murphy", "Reid"),
    ),
    "fr": (
        ("Julien", "Nicolas", "Pierre", "Thomas", "Antoine"),
        ("Claire", "Sophie", "Camille", "Isabelle", "Élodie"),
        _PLAIN("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard"),
    ),
    "nl": (
        ("Jeroen", "Pieter", "Sander", "Bas", "Thijs"),
        ("Anouk", "Sanne", "Eva", "Marieke", "Lotte"),
        _PLAIN("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Mulder", "Peeters"),
    ),
    "sv": (
        ("Erik", "Anders", "Johan", "Magnus", "Olof"),
        ("Karin", "Sara", "Maria", "Emma", "Ingrid"),
        _PLAIN("Andersson", "Lindqvist", "Nilsson", "Berg", "Holm", "Sandberg"),
    ),
    "da": (
        ("Rasmus", "Mads", "Søren", "Henrik", "Jesper"),
        ("Mette", "Louise", "Camilla", "Pernille", "Sofie"),
        _PLAIN("Jensen", "Nielsen", "Hansen", "Pedersen", "Larsen", "Madsen"),
    ),
    "fi": (
        ("Mikko", "Juha", "Antti", "Ville", "Jussi"),
        ("Anna", "Johanna", "Laura", "Satu", "Hanna"),
        _PLAIN("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Laine", "Heikkinen"),
    ),
    "no": (
        ("Ola", "Lars", "Knut", "Håkon", "Eirik"),
        ("Ingrid", "Kari", "Silje", "Marte", "Ragnhild"),
        _PLAIN("Hansen", "Johansen", "Berg", "Haugen", "Dahl", "Solberg"),
    ),
    "cs": (
        ("Jan", "Petr", "Tomáš", "Martin", "Jakub"),
        ("Jana", "Petra", "Lucie", "Tereza", "Markéta"),
        (("Novák", "Nováková"), ("Dvořák", "Dvořáková"), ("Svoboda", "Svobodová"),
         ("Černý", "Černá"), ("Procházka", "Procházková")),
    ),
    "sk": (
        ("Peter", "Martin", "Juraj", "Marek"),
        ("Zuzana", "Katarína", "Lucia", "Mária"),
        (("Horváth", "Horváthová"), ("Kováč", "Kováčová"), ("Varga", "Vargová"),
         ("Tóth", "Tóthová")),
    ),
    "it": (
        ("Marco", "Luca", "Andrea", "Giorgio"),
        ("Giulia", "Chiara", "Francesca", "Elena"),
        _PLAIN("Rossi", "Bianchi", "Romano", "Ferrari", "Esposito", "Greco"),
    ),
    "es": (
        ("Javier", "Carlos", "Pablo", "Miguel"),
        ("Lucía", "Marta", "Elena", "Carmen"),
        _PLAIN("García", "Fernández", "López", "Martínez", "Sánchez", "Navarro"),
    ),
    "pt": (
        ("João", "Miguel", "Rui", "Tiago"),
        ("Ana", "Inês", "Marta", "Sofia"),
        _PLAIN("Silva", "Santos", "Ferreira", "Costa", "Oliveira"),
    ),
    "is": (
        ("Jón", "Gunnar", "Einar", "Ólafur"),
        ("Guðrún", "Sigríður", "Katrín", "Helga"),
        (("Jónsson", "Jónsdóttir"), ("Einarsson", "Einarsdóttir"), ("Ólafsson", "Ólafsdóttir")),
    ),
    "uk": (
        ("Oleksandr", "Andrii", "Taras", "Yaroslav"),
        ("Olena", "Iryna", "Oksana", "Nataliia"),
        _PLAIN("Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Melnyk"),
    ),
    "sl": (
        ("Matej", "Luka", "Rok", "Jure"),
        ("Nina", "Maja", "Urška", "Petra"),
        _PLAIN("Novak", "Horvat", "Kranjc", "Zupan"),
    ),
    "ro": (
        ("Andrei", "Mihai", "Radu", "Bogdan"),
        ("Ioana", "Elena", "Andreea", "Raluca"),
        _PLAIN("Popescu", "Ionescu", "Dumitrescu", "Stan", "Munteanu"),
    ),
}  # fmt: skip
