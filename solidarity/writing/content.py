"""Seed content for letters and advocacy: the set the programme starts with.

A data migration loads this into the admin, and from then on the defenders keep it there (add,
reword, retire): changing this file later changes nothing on a running site. Pure data, no Django,
so that the migration and the tests (tests/writing/test_censor.py) read the same lists.

- `TOPICS`: the phrase topics (`PhraseTopic`), in the order the composer shows them.
- `PHRASES`: vetted sentences for a letter into a Belarusian prison, each in English (what the
  godparent reads) with its Russian and Belarusian versions (what is printed). They are short,
  warm and about everyday life; they address the prisoner as "Вы"; they use no gendered form of
  the sender or the prisoner (no "рад/рада", "прочитал/прочитала", "дорогой/дорогая"), since
  neither is known to the phrase. Two placeholders only, the same in the three versions:
  {addressee} (the prisoner's first name and patronymic) and {sender} (the writer's name in
  Cyrillic), both in the nominative.
- `CENSOR_REASONS`: why a word is better left out, per language: (title, explanation).
- `CENSOR_TERMS`: the words to avoid, (language, kind, text, reason key); kinds as in
  `censor.py`: "stem" (words beginning with the text), "word" (exactly the word or words),
  "pattern" (a regular expression for whole words, for forms a stem would over-match, such as
  "суд" and "судьба"). No vetted phrase may be flagged by any of them.
- `CENSOR_EXAMPLES`: for each term's text, a sentence in its language that the term flags once.
- `ADVOCACY_TEMPLATES`: the case texts (embassy letter, parliamentary question, speech, post)
  with the record's facts as placeholders the system fills. A line naming a fact that is not
  known for a person (no sentence yet, facility unknown) is left out, so each of {detained_on},
  {time_detained}, {articles}, {sentence} and {facility} stands on a line of its own.
  These are not letters to the prison: the censor's rules do not apply to them.
"""

TOPICS: tuple[str, ...] = (
    "greeting",
    "about_me",
    "my_town",
    "seasons",
    "books_films",
    "animals",
    "encouragement",
    "closing",
    "birthday",
)

PHRASES: list[dict[str, str]] = [
    # greeting
    {
        "topic": "greeting",
        "en": "Hello, {addressee}!",
        "ru": "Здравствуйте, {addressee}!",
        "be": "Добры дзень, {addressee}!",
    },
    {
        "topic": "greeting",
        "en": "Good afternoon, {addressee}! I hope you are well.",
        "ru": "Добрый день, {addressee}! Надеюсь, у Вас всё хорошо.",
        "be": "Вітаю, {addressee}! Спадзяюся, у Вас усё добра.",
    },
    {
        "topic": "greeting",
        "en": "Warm greetings from far away! This is my first letter to you.",
        "ru": "Шлю Вам тёплый привет издалека! Пишу Вам впервые.",
        "be": "Дасылаю Вам цёплае вітанне здалёк! Пішу Вам упершыню.",
    },
    {
        "topic": "greeting",
        "en": "It is a great pleasure to write to you again.",
        "ru": "Мне очень приятно снова Вам написать.",
        "be": "Мне вельмі прыемна зноў Вам напісаць.",
    },
    {
        "topic": "greeting",
        "en": "How are you? How are you feeling?",
        "ru": "Как Ваши дела? Как Вы себя чувствуете?",
        "be": "Як Вашы справы? Як Вы сябе адчуваеце?",
    },
    {
        "topic": "greeting",
        "en": "I hope my letter brings a little joy to your day.",
        "ru": "Надеюсь, моё письмо немного порадует Вас.",
        "be": "Спадзяюся, мой ліст крыху Вас парадуе.",
    },
    {
        "topic": "greeting",
        "en": "Please don't worry if you cannot reply: I will keep writing anyway.",
        "ru": "Не беспокойтесь, если не получится ответить: я всё равно буду писать.",
        "be": "Не хвалюйцеся, калі не атрымаецца адказаць: я ўсё роўна буду пісаць.",
    },
    # about_me
    {
        "topic": "about_me",
        "en": "My name is {sender}.",
        "ru": "Меня зовут {sender}.",
        "be": "Мяне завуць {sender}.",
    },
    {
        "topic": "about_me",
        "en": "I am a member of parliament, and I often think of you.",
        "ru": "Я депутат парламента и часто думаю о Вас.",
        "be": "Я дэпутат парламента і часта думаю пра Вас.",
    },
    {
        "topic": "about_me",
        "en": "My family sends you greetings.",
        "ru": "Моя семья передаёт Вам привет.",
        "be": "Мая сям'я перадае Вам прывітанне.",
    },
    {
        "topic": "about_me",
        "en": "At weekends I like to go for walks, read and cook.",
        "ru": "По выходным я люблю гулять, читать и готовить.",
        "be": "У выхадныя я люблю гуляць, чытаць і гатаваць.",
    },
    {
        "topic": "about_me",
        "en": "I love music, especially old songs.",
        "ru": "Я люблю музыку, особенно старые песни.",
        "be": "Я люблю музыку, асабліва старыя песні.",
    },
    {
        "topic": "about_me",
        "en": "I have a lot of work, but I always find time for letters.",
        "ru": "Работы у меня много, но для писем я всегда нахожу время.",
        "be": "Працы ў мяне шмат, але для лістоў я заўсёды знаходжу час.",
    },
    {
        "topic": "about_me",
        "en": "I have a garden where I grow tomatoes and flowers.",
        "ru": "У меня есть сад, я выращиваю помидоры и цветы.",
        "be": "У мяне ёсць сад, я вырошчваю памідоры і кветкі.",
    },
    {
        "topic": "about_me",
        "en": "In the morning I like to drink tea and look out of the window.",
        "ru": "По утрам я люблю пить чай и смотреть в окно.",
        "be": "Раніцай я люблю піць гарбату і глядзець у акно.",
    },
    # my_town
    {
        "topic": "my_town",
        "en": "I live in a small town by a river.",
        "ru": "Я живу в небольшом городе у реки.",
        "be": "Я жыву ў невялікім горадзе каля ракі.",
    },
    {
        "topic": "my_town",
        "en": "In my town there is an old market where they sell fresh bread and honey.",
        "ru": "В моём городе есть старый рынок, где продают свежий хлеб и мёд.",
        "be": "У маім горадзе ёсць стары рынак, дзе прадаюць свежы хлеб і мёд.",
    },
    {
        "topic": "my_town",
        "en": "There is a beautiful park near my house, and I often walk there.",
        "ru": "Рядом с моим домом красивый парк, я часто там гуляю.",
        "be": "Побач з маім домам прыгожы парк, я часта там гуляю.",
    },
    {
        "topic": "my_town",
        "en": "Our town is known for its old bridge and narrow little streets.",
        "ru": "Наш город славится старым мостом и узкими улочками.",
        "be": "Наш горад славіцца старым мостам і вузкімі вулачкамі.",
    },
    {
        "topic": "my_town",
        "en": "In the evenings the streets are quiet, and lights come on in the windows.",
        "ru": "По вечерам на улицах тихо, и в окнах загораются огни.",
        "be": "Вечарамі на вуліцах ціха, і ў вокнах загараюцца агні.",
    },
    {
        "topic": "my_town",
        "en": "On my street there is a little café that smells of coffee and cinnamon.",
        "ru": "На моей улице есть маленькое кафе, где пахнет кофе и корицей.",
        "be": "На маёй вуліцы ёсць маленькая кавярня, дзе пахне кавай і карыцай.",
    },
    {
        "topic": "my_town",
        "en": "The sea is not far from my town, and I love walking along the shore.",
        "ru": "Недалеко от моего города море, и я люблю гулять по берегу.",
        "be": "Недалёка ад майго горада мора, і я люблю гуляць па беразе.",
    },
    # seasons
    {
        "topic": "seasons",
        "en": "Spring has come here: the first flowers are blooming.",
        "ru": "У нас наступила весна: расцветают первые цветы.",
        "be": "У нас настала вясна: квітнеюць першыя кветкі.",
    },
    {
        "topic": "seasons",
        "en": "You can feel spring: the days are getting longer and the sun warmer.",
        "ru": "Чувствуется весна: дни становятся длиннее, а солнце теплее.",
        "be": "Адчуваецца вясна: дні становяцца даўжэйшыя, а сонца цяплейшае.",
    },
    {
        "topic": "seasons",
        "en": "Summer here is warm, and the evenings are long.",
        "ru": "Лето у нас тёплое, а вечера длинные.",
        "be": "Лета ў нас цёплае, а вечары доўгія.",
    },
    {
        "topic": "seasons",
        "en": "Autumn has come: the leaves in the park have turned yellow and gold.",
        "ru": "Пришла осень: листья в парке стали жёлтыми и золотыми.",
        "be": "Прыйшла восень: лісце ў парку стала жоўтым і залатым.",
    },
    {
        "topic": "seasons",
        "en": "It is already winter here: snow is falling, and it smells of tangerines.",
        "ru": "У нас уже зима: идёт снег и пахнет мандаринами.",
        "be": "У нас ужо зіма: ідзе снег і пахне мандарынамі.",
    },
    {
        "topic": "seasons",
        "en": "Happy New Year! I wish you health and peace of mind.",
        "ru": "С Новым годом! Желаю Вам здоровья и душевного покоя.",
        "be": "З Новым годам! Жадаю Вам здароўя і душэўнага спакою.",
    },
    {
        "topic": "seasons",
        "en": "Merry Christmas! May these days be calm and warm for you.",
        "ru": "С Рождеством! Пусть эти дни будут для Вас спокойными и тёплыми.",
        "be": "З Калядамі! Няхай гэтыя дні будуць для Вас спакойнымі і цёплымі.",
    },
    {
        "topic": "seasons",
        "en": "Happy Easter! I wish you light and joy.",
        "ru": "С праздником Пасхи! Желаю Вам света и радости.",
        "be": "З Вялікаднем! Жадаю Вам святла і радасці.",
    },
    # books_films
    {
        "topic": "books_films",
        "en": "At the moment I am reading a good book about travel.",
        "ru": "Сейчас я читаю хорошую книгу о путешествиях.",
        "be": "Цяпер я чытаю добрую кнігу пра падарожжы.",
    },
    {
        "topic": "books_films",
        "en": "What books do you like? Perhaps you could recommend one to me?",
        "ru": "Какие книги Вы любите? Может быть, посоветуете мне что-нибудь?",
        "be": "Якія кнігі Вы любіце? Можа, параіце мне што-небудзь?",
    },
    {
        "topic": "books_films",
        "en": "I love old films, especially comedies.",
        "ru": "Я люблю старые фильмы, особенно комедии.",
        "be": "Я люблю старыя фільмы, асабліва камедыі.",
    },
    {
        "topic": "books_films",
        "en": "Recently I came across a very kind film about a family and their dog.",
        "ru": "Недавно мне попался очень добрый фильм о семье и её собаке.",
        "be": "Нядаўна мне трапіўся вельмі добры фільм пра сям'ю і яе сабаку.",
    },
    {
        "topic": "books_films",
        "en": "Reading helps me rest after a long day.",
        "ru": "Чтение помогает мне отдохнуть после долгого дня.",
        "be": "Чытанне дапамагае мне адпачыць пасля доўгага дня.",
    },
    {
        "topic": "books_films",
        "en": "I love poetry. Poems are good to read slowly, in the evening.",
        "ru": "Я люблю стихи. Их хорошо читать медленно, вечером.",
        "be": "Я люблю вершы. Іх добра чытаць павольна, увечары.",
    },
    {
        "topic": "books_films",
        "en": "Do you have a favourite writer?",
        "ru": "Есть ли у Вас любимый писатель?",
        "be": "Ці ёсць у Вас любімы пісьменнік?",
    },
    {
        "topic": "books_films",
        "en": "I would like to read Belarusian writers. Whom would you recommend?",
        "ru": "Мне хочется прочитать белорусских писателей. Кого бы Вы посоветовали?",
        "be": "Мне хочацца прачытаць беларускіх пісьменнікаў. Каго б Вы параілі?",
    },
    # animals
    {
        "topic": "animals",
        "en": "I have a cat. She likes to sleep in the sun.",
        "ru": "У меня есть кошка. Она любит спать на солнце.",
        "be": "У мяне ёсць кошка. Яна любіць спаць на сонцы.",
    },
    {
        "topic": "animals",
        "en": "Our dog is very cheerful and loves long walks.",
        "ru": "Наша собака очень весёлая и любит долгие прогулки.",
        "be": "Наш сабака вельмі вясёлы і любіць доўгія прагулкі.",
    },
    {
        "topic": "animals",
        "en": "In the mornings birds sing outside my window.",
        "ru": "По утрам за моим окном поют птицы.",
        "be": "Раніцай за маім акном спяваюць птушкі.",
    },
    {
        "topic": "animals",
        "en": "Do you like animals? Which is your favourite?",
        "ru": "Вы любите животных? Какое Ваше любимое животное?",
        "be": "Вы любіце жывёл? Якая Ваша любімая жывёла?",
    },
    {
        "topic": "animals",
        "en": "Squirrels live in the park near my house; they are not afraid of people at all.",
        "ru": "В парке возле моего дома живут белки, они совсем не боятся людей.",
        "be": "У парку каля майго дома жывуць вавёркі, яны зусім не баяцца людзей.",
    },
    {
        "topic": "animals",
        "en": "Every spring the storks come back to our part of the country.",
        "ru": "Каждую весну в наши края возвращаются аисты.",
        "be": "Кожнай вясной у нашы краі вяртаюцца буслы.",
    },
    {
        "topic": "animals",
        "en": "My neighbours have a horse, and the children bring it apples.",
        "ru": "У моих соседей есть лошадь, и дети приносят ей яблоки.",
        "be": "У маіх суседзяў ёсць конь, і дзеці прыносяць яму яблыкі.",
    },
    # encouragement
    {
        "topic": "encouragement",
        "en": "I wish you good health and strength.",
        "ru": "Желаю Вам крепкого здоровья и сил.",
        "be": "Жадаю Вам моцнага здароўя і сіл.",
    },
    {
        "topic": "encouragement",
        "en": "You are not forgotten. Many people think of you.",
        "ru": "Вас помнят. О Вас думают многие люди.",
        "be": "Вас памятаюць. Пра Вас думае шмат людзей.",
    },
    {
        "topic": "encouragement",
        "en": "I hope every day brings you something good.",
        "ru": "Надеюсь, что каждый день приносит Вам что-то хорошее.",
        "be": "Спадзяюся, што кожны дзень прыносіць Вам нешта добрае.",
    },
    {
        "topic": "encouragement",
        "en": "I send you warmth and light from my town.",
        "ru": "Посылаю Вам тепло и свет из моего города.",
        "be": "Дасылаю Вам цяпло і святло з майго горада.",
    },
    {
        "topic": "encouragement",
        "en": "I wish you patience and calm.",
        "ru": "Желаю Вам терпения и спокойствия.",
        "be": "Жадаю Вам цярпення і спакою.",
    },
    {
        "topic": "encouragement",
        "en": "Even on grey days, remember that someone far away is thinking of you.",
        "ru": "Даже в пасмурные дни помните, что где-то далеко о Вас думают.",
        "be": "Нават у пахмурныя дні памятайце, што дзесьці далёка пра Вас думаюць.",
    },
    {
        "topic": "encouragement",
        "en": "I wish you warm news from your family.",
        "ru": "Желаю Вам тёплых вестей от родных.",
        "be": "Жадаю Вам цёплых вестак ад родных.",
    },
    {
        "topic": "encouragement",
        "en": "I wish you restful sleep, good tea and kind people around you.",
        "ru": "Желаю Вам спокойного сна, вкусного чая и добрых людей рядом.",
        "be": "Жадаю Вам спакойнага сну, смачнай гарбаты і добрых людзей побач.",
    },
    # closing
    {
        "topic": "closing",
        "en": "With warm wishes, {sender}",
        "ru": "С теплом, {sender}",
        "be": "З цеплынёй, {sender}",
    },
    {
        "topic": "closing",
        "en": "I look forward to your reply. With best wishes, {sender}",
        "ru": "Буду ждать ответа. С наилучшими пожеланиями, {sender}",
        "be": "Буду чакаць адказу. З найлепшымі пажаданнямі, {sender}",
    },
    {
        "topic": "closing",
        "en": "With respect and warmth, {sender}",
        "ru": "С уважением и теплом, {sender}",
        "be": "З павагай і цеплынёй, {sender}",
    },
    {
        "topic": "closing",
        "en": "Take care of yourself! I will write again soon.",
        "ru": "Берегите себя! Скоро напишу снова.",
        "be": "Беражыце сябе! Хутка напішу зноў.",
    },
    {
        "topic": "closing",
        "en": "Thank you for reading my letter. All the best to you!",
        "ru": "Спасибо, что прочитали моё письмо. Всего Вам доброго!",
        "be": "Дзякуй, што прачыталі мой ліст. Усяго Вам добрага!",
    },
    {
        "topic": "closing",
        "en": "I will wait for your letter, if you have the chance to write.",
        "ru": "Буду ждать Вашего письма, если будет возможность написать.",
        "be": "Буду чакаць Вашага ліста, калі будзе магчымасць напісаць.",
    },
    {
        "topic": "closing",
        "en": "Until my next letter!",
        "ru": "До следующего письма!",
        "be": "Да наступнага ліста!",
    },
    # birthday
    {
        "topic": "birthday",
        "en": "Happy birthday!",
        "ru": "С днём рождения!",
        "be": "З днём нараджэння!",
    },
    {
        "topic": "birthday",
        "en": "I wish you health, warmth and good news.",
        "ru": "Желаю Вам здоровья, тепла и добрых вестей.",
        "be": "Жадаю Вам здароўя, цяпла і добрых навін.",
    },
    {
        "topic": "birthday",
        "en": "May this year bring you many bright days.",
        "ru": "Пусть этот год принесёт Вам много светлых дней.",
        "be": "Няхай гэты год прынясе Вам шмат светлых дзён.",
    },
    {
        "topic": "birthday",
        "en": "On your birthday I think of you with special warmth.",
        "ru": "В Ваш день рождения я думаю о Вас с особенной теплотой.",
        "be": "У Ваш дзень нараджэння я думаю пра Вас з асаблівай цеплынёй.",
    },
    {
        "topic": "birthday",
        "en": "Let this letter be a small present from me.",
        "ru": "Пусть это письмо станет маленьким подарком от меня.",
        "be": "Няхай гэты ліст стане маленькім падарункам ад мяне.",
    },
    {
        "topic": "birthday",
        "en": "I wish that your loved ones stay healthy and write to you often.",
        "ru": "Желаю, чтобы Ваши близкие были здоровы и почаще Вам писали.",
        "be": "Жадаю, каб Вашы блізкія былі здаровыя і часцей Вам пісалі.",
    },
    {
        "topic": "birthday",
        "en": "Today I raise a cup of tea to your health!",
        "ru": "Сегодня я поднимаю чашку чая за Ваше здоровье!",
        "be": "Сёння я падымаю кубак гарбаты за Ваша здароўе!",
    },
]

CENSOR_REASONS: dict[str, dict[str, tuple[str, str]]] = {
    "politics": {
        "en": (
            "Politics",
            (
                "The censor withholds letters that mention politics, politicians or elections. "
                "Write about everyday life, books or nature instead."
            ),
        ),
        "ru": (
            "Политика",
            (
                "Цензор задерживает письма, в которых упоминаются политика, политики или выборы. "
                "Лучше напишите о повседневной жизни, книгах или природе."
            ),
        ),
        "be": (
            "Палітыка",
            (
                "Цэнзар затрымлівае лісты, у якіх згадваюцца палітыка, палітыкі або выбары. Лепш "
                "напішыце пра штодзённае жыццё, кнігі або прыроду."
            ),
        ),
    },
    "war": {
        "en": (
            "War",
            (
                "The censor withholds letters that mention the war, the army or Ukraine. Write "
                "about everyday life, the seasons or your town instead."
            ),
        ),
        "ru": (
            "Война",
            (
                "Цензор задерживает письма, в которых упоминаются война, армия или Украина. Лучше "
                "напишите о повседневной жизни, временах года или своём городе."
            ),
        ),
        "be": (
            "Вайна",
            (
                "Цэнзар затрымлівае лісты, у якіх згадваюцца вайна, армія або Украіна. Лепш "
                "напішыце пра штодзённае жыццё, поры года або свой горад."
            ),
        ),
    },
    "case": {
        "en": (
            "The criminal case",
            (
                "Letters about the case, the court, the sentence or lawyers are withheld and can "
                "harm the person. Ask how they feel and tell them about your own life instead."
            ),
        ),
        "ru": (
            "Уголовное дело",
            (
                "Письма о деле, суде, приговоре или адвокатах задерживают, и они могут навредить "
                "человеку. Лучше спросите о самочувствии и расскажите о своей жизни."
            ),
        ),
        "be": (
            "Крымінальная справа",
            (
                "Лісты пра справу, суд, прысуд або адвакатаў затрымліваюць, і яны могуць "
                "нашкодзіць чалавеку. Лепш спытайцеся пра самаадчуванне і раскажыце пра сваё "
                "жыццё."
            ),
        ),
    },
    "freedom_fight": {
        "en": (
            "Freedom and struggle",
            (
                "The censor reads words such as “freedom”, “fight” or “protest” as a political "
                "message and withholds the letter. Wish health, patience and warmth instead."
            ),
        ),
        "ru": (
            "Свобода и борьба",
            (
                "Слова «свобода», «борьба» или «протест» цензор читает как политический призыв и "
                "задерживает письмо. Лучше пожелайте здоровья, терпения и тепла."
            ),
        ),
        "be": (
            "Свабода і барацьба",
            (
                "Словы «свабода», «барацьба» або «пратэст» цэнзар чытае як палітычны заклік і "
                "затрымлівае ліст. Лепш пажадайце здароўя, цярпення і цяпла."
            ),
        ),
    },
    "insults": {
        "en": (
            "Insults",
            (
                "Harsh words about the authorities or the prison staff get the letter withheld and "
                "can make life harder for the person. Keep the letter kind and neutral."
            ),
        ),
        "ru": (
            "Оскорбления",
            (
                "Из-за резких слов о власти или сотрудниках колонии письмо задержат, а человеку "
                "может стать тяжелее. Пишите доброжелательно и спокойно."
            ),
        ),
        "be": (
            "Абразы",
            (
                "З-за рэзкіх слоў пра ўладу або супрацоўнікаў калоніі ліст затрымаюць, а чалавеку "
                "можа стаць цяжэй. Пішыце добразычліва і спакойна."
            ),
        ),
    },
    "extremism": {
        "en": (
            "Symbols and banned organisations",
            (
                "Names of banned organisations, symbols and slogans are treated as “extremism”: "
                "the letter is withheld and the person may be punished. Leave them out completely."
            ),
        ),
        "ru": (
            "Символы и запрещённые организации",
            (
                "Названия запрещённых организаций, символы и лозунги считают «экстремизмом»: "
                "письмо задержат, а человека могут наказать. Не упоминайте их совсем."
            ),
        ),
        "be": (
            "Сімвалы і забароненыя арганізацыі",
            (
                "Назвы забароненых арганізацый, сімвалы і лозунгі лічаць «экстрэмізмам»: ліст "
                "затрымаюць, а чалавека могуць пакараць. Не згадвайце іх зусім."
            ),
        ),
    },
}

CENSOR_TERMS: list[tuple[str, str, str, str]] = [
    # ru
    ("ru", "stem", "свобод", "freedom_fight"),
    ("ru", "stem", "борьб", "freedom_fight"),
    ("ru", "stem", "бороть", "freedom_fight"),
    ("ru", "stem", "сопротивлен", "freedom_fight"),
    ("ru", "stem", "протест", "freedom_fight"),
    ("ru", "stem", "революц", "freedom_fight"),
    ("ru", "stem", "войн", "war"),
    ("ru", "stem", "военн", "war"),
    ("ru", "stem", "украин", "war"),
    ("ru", "stem", "мобилизац", "war"),
    ("ru", "stem", "вторжени", "war"),
    ("ru", "stem", "оккупа", "war"),
    ("ru", "pattern", "арми(я|и|ю|ей|й|ям|ях|ями)", "war"),
    ("ru", "stem", "политик", "politics"),
    ("ru", "stem", "политическ", "politics"),
    (
        "ru",
        "pattern",
        r"режим(а|у|ом|е|ы|ов|ам|ами|ах)?(?!\s+(дня|питания|сна|работы))",
        "politics",
    ),
    ("ru", "stem", "диктат", "politics"),
    ("ru", "pattern", "выбор(ы|ов|ах|ам|ами)", "politics"),
    ("ru", "stem", "оппозиц", "politics"),
    ("ru", "stem", "санкци", "politics"),
    ("ru", "stem", "лукашенк", "politics"),
    ("ru", "stem", "тихановск", "politics"),
    ("ru", "stem", "путин", "politics"),
    ("ru", "stem", "правозащит", "politics"),
    ("ru", "stem", "митинг", "politics"),
    (
        "ru",
        "pattern",
        r"суд(а|е|у|ом|ы|ов|ам|ах|ами)?|судебн\w*|судь(я|и|е|ю|ей|ям|ями|ях)|судей",
        "case",
    ),
    ("ru", "stem", "приговор", "case"),
    ("ru", "stem", "адвокат", "case"),
    ("ru", "stem", "апелляц", "case"),
    ("ru", "stem", "следовател", "case"),
    ("ru", "stem", "политзаключ", "case"),
    ("ru", "pattern", r"(стать(я|и|ю|е|ей)|ст\.?)\s*\d+", "case"),
    ("ru", "stem", "уголовн", "case"),
    ("ru", "stem", "обвин", "case"),
    ("ru", "stem", "осужд", "case"),
    ("ru", "stem", "фашист", "insults"),
    ("ru", "stem", "палач", "insults"),
    ("ru", "pattern", r"тиран(?!н?озавр)\w*", "insults"),
    ("ru", "stem", "карател", "insults"),
    ("ru", "stem", "хунт", "insults"),
    ("ru", "pattern", r"экстреми(ст|зм)\w*", "extremism"),
    ("ru", "word", "бчб", "extremism"),
    ("ru", "stem", "бело-красно-бел", "extremism"),
    ("ru", "pattern", "погон(я|и|ю|ей)", "extremism"),
    ("ru", "pattern", r'центр\w*\s+[«"„“]?весна', "extremism"),
    ("ru", "stem", "террор", "extremism"),
    # be
    ("be", "stem", "свабод", "freedom_fight"),
    ("be", "stem", "барацьб", "freedom_fight"),
    ("be", "stem", "змаг", "freedom_fight"),
    ("be", "stem", "супраці", "freedom_fight"),
    ("be", "stem", "пратэст", "freedom_fight"),
    ("be", "stem", "рэвалюц", "freedom_fight"),
    ("be", "stem", "вайн", "war"),
    ("be", "stem", "вайсков", "war"),
    ("be", "pattern", r"[уў]краін\w*", "war"),
    ("be", "stem", "мабілізац", "war"),
    ("be", "pattern", r"[уў]варван\w*", "war"),
    ("be", "stem", "акупа", "war"),
    ("be", "pattern", "армі(я|і|ю|яй|й|ям|ях|ямі)", "war"),
    ("be", "stem", "палітык", "politics"),
    ("be", "stem", "палітычн", "politics"),
    (
        "be",
        "pattern",
        r"рэжым(а|у|ам|е|ы|аў|амі|ах)?(?!\s+(дня|харчавання|сну|работы|працы))",
        "politics",
    ),
    ("be", "stem", "дыктат", "politics"),
    ("be", "pattern", "выбар(ы|аў|ах|ам|амі)", "politics"),
    ("be", "stem", "апазіц", "politics"),
    ("be", "stem", "санкцы", "politics"),
    ("be", "stem", "лукашэнк", "politics"),
    ("be", "stem", "ціханоўск", "politics"),
    ("be", "stem", "пуцін", "politics"),
    ("be", "stem", "праваабарон", "politics"),
    ("be", "stem", "мітынг", "politics"),
    ("be", "pattern", r"суд(а|зе|у|ом|ы|оў|ам|ах|амі)?|судов\w*|суддз\w*", "case"),
    ("be", "stem", "прысуд", "case"),
    ("be", "stem", "адвакат", "case"),
    ("be", "stem", "апеляц", "case"),
    ("be", "stem", "следч", "case"),
    ("be", "stem", "палітвяз", "case"),
    ("be", "pattern", r"(артыкул(а|е|ы|у|ам)?|арт\.?)\s*\d+", "case"),
    ("be", "stem", "крымінальн", "case"),
    ("be", "stem", "абвінавач", "case"),
    ("be", "stem", "асудж", "case"),
    ("be", "stem", "фашыст", "insults"),
    ("be", "word", "кат", "insults"),
    ("be", "pattern", r"тыран(?!н?азаўр)\w*", "insults"),
    ("be", "stem", "карнік", "insults"),
    ("be", "stem", "бандыт", "insults"),
    ("be", "pattern", r"экстрэмі(ст|зм)\w*", "extremism"),
    ("be", "pattern", r"бела?-чырвона-бел\w*", "extremism"),
    ("be", "pattern", "пагон(я|і|ю|яй)", "extremism"),
    ("be", "pattern", r'цэнтр\w*\s+[«"„“]?вясна', "extremism"),
    ("be", "pattern", r"тэр(ор|арыст|арызм)\w*", "extremism"),
    ("be", "word", "жыве беларусь", "extremism"),
    # en
    ("en", "stem", "freedom", "freedom_fight"),
    ("en", "pattern", "fight(s|ing|er|ers)?|fought", "freedom_fight"),
    ("en", "stem", "struggl", "freedom_fight"),
    ("en", "stem", "resist", "freedom_fight"),
    ("en", "stem", "protest", "freedom_fight"),
    ("en", "stem", "revolution", "freedom_fight"),
    ("en", "pattern", "wars?|wartime|warfare", "war"),
    ("en", "stem", "ukrain", "war"),
    ("en", "pattern", "inva(de|ded|des|ding|der|ders|sion|sions)", "war"),
    ("en", "pattern", r"mobili[sz]ation\w*", "war"),
    ("en", "stem", "soldier", "war"),
    ("en", "pattern", "arm(y|ies)", "war"),
    ("en", "stem", "militar", "war"),
    ("en", "stem", "politic", "politics"),
    ("en", "pattern", "regimes?", "politics"),
    ("en", "pattern", r"dictator\w*", "politics"),
    ("en", "stem", "election", "politics"),
    ("en", "stem", "opposition", "politics"),
    ("en", "stem", "sanction", "politics"),
    ("en", "stem", "lukashenk", "politics"),
    ("en", "pattern", r"t?s?ikhano[uv]sk\w*", "politics"),
    ("en", "stem", "putin", "politics"),
    ("en", "pattern", "courts?|courtroom", "case"),
    ("en", "stem", "verdict", "case"),
    ("en", "stem", "lawyer", "case"),
    ("en", "pattern", "appeals?|appealed", "case"),
    ("en", "pattern", r"(articles?|art\.?)\s*\d+", "case"),
    ("en", "stem", "prosecut", "case"),
    ("en", "stem", "investigator", "case"),
    ("en", "word", "criminal case", "case"),
    ("en", "word", "sentenced", "case"),
    ("en", "stem", "fascis", "insults"),
    ("en", "stem", "executioner", "insults"),
    ("en", "pattern", "tyrants?|tyrann(y|ies|ical)", "insults"),
    ("en", "stem", "junta", "insults"),
    ("en", "stem", "extremis", "extremism"),
    ("en", "word", "white-red-white", "extremism"),
    ("en", "word", "viasna", "extremism"),
    ("en", "pattern", "pahoni?a|pahonya|pogonya", "extremism"),
    ("en", "stem", "terroris", "extremism"),
]

# One sentence per term, in the term's language, that the term flags exactly once.
CENSOR_EXAMPLES: dict[str, str] = {
    "свобод": "Желаю Вам свободы.",
    "борьб": "Спасибо Вам за Вашу борьбу.",
    "бороть": "Надо бороться дальше.",
    "сопротивлен": "Это форма сопротивления.",
    "протест": "Мы помним протесты.",
    "революц": "Это была настоящая революция.",
    "войн": "Скорее бы закончилась война.",
    "военн": "По улицам ехали военные машины.",
    "украин": "Мои соседи приехали из Украины.",
    "мобилизац": "В соседней стране объявили мобилизацию.",
    "вторжени": "Все говорят о вторжении.",
    "оккупа": "Город пережил оккупацию.",
    "арми(я|и|ю|ей|й|ям|ях|ями)": "Мой сын служит в армии.",
    "политик": "Я много думаю о политике.",
    "политическ": "Это политический вопрос.",
    r"режим(а|у|ом|е|ы|ов|ам|ами|ах)?(?!\s+(дня|питания|сна|работы))": "Этот режим не вечен.",
    "диктат": "Диктатура не вечна.",
    "выбор(ы|ов|ах|ам|ами)": "Скоро у нас выборы.",
    "оппозиц": "Лидеры оппозиции передают привет.",
    "санкци": "Ввели новые санкции.",
    "лукашенк": "Лукашенко снова выступал по телевизору.",
    "тихановск": "Тихановская передаёт Вам привет.",
    "путин": "Путин приезжал в Минск.",
    "правозащит": "Правозащитники знают о Вас.",
    "митинг": "Мы ходили на митинг.",
    r"суд(а|е|у|ом|ы|ов|ам|ах|ами)?|судебн\w*|судь(я|и|е|ю|ей|ям|ями|ях)|судей": "Мы были на суде.",
    "приговор": "Приговор очень жестокий.",
    "адвокат": "Ваш адвокат передаёт привет.",
    "апелляц": "Апелляцию отклонили.",
    "следовател": "Следователь опять приходил?",
    "политзаключ": "Мы поддерживаем всех политзаключённых.",
    r"(стать(я|и|ю|е|ей)|ст\.?)\s*\d+": "Вас осудили по статье 342.",
    "уголовн": "Уголовное дело закрыли.",
    "обвин": "Обвинение несправедливое.",
    "осужд": "Все осуждённые получают письма.",
    "фашист": "Они настоящие фашисты.",
    "палач": "Палачи ответят за всё.",
    r"тиран(?!н?озавр)\w*": "Тиран боится людей.",
    "карател": "Каратели ходят в масках.",
    "хунт": "Хунта не вечна.",
    r"экстреми(ст|зм)\w*": "Нас называют экстремистами.",
    "бчб": "У меня дома висит бчб флаг.",
    "бело-красно-бел": "Вспоминаю бело-красно-белые флаги.",
    "погон(я|и|ю|ей)": "На стене висит Погоня.",
    r'центр\w*\s+[«"„“]?весна': "Привет от центра «Весна».",
    "террор": "Это называют терроризмом.",
    "свабод": "Жадаю Вам свабоды.",
    "барацьб": "Дзякуй за Вашу барацьбу.",
    "змаг": "Трэба змагацца далей.",
    "супраці": "Гэта форма супраціву.",
    "пратэст": "Мы памятаем пратэсты.",
    "рэвалюц": "Гэта была сапраўдная рэвалюцыя.",
    "вайн": "Хутчэй бы скончылася вайна.",
    "вайсков": "Па вуліцах ехалі вайсковыя машыны.",
    r"[уў]краін\w*": "Мае суседзі прыехалі з Украіны.",
    "мабілізац": "У суседняй краіне абвясцілі мабілізацыю.",
    r"[уў]варван\w*": "Усе кажуць пра ўварванне.",
    "акупа": "Горад перажыў акупацыю.",
    "армі(я|і|ю|яй|й|ям|ях|ямі)": "Мой сын служыць у арміі.",
    "палітык": "Я шмат думаю пра палітыку.",
    "палітычн": "Гэта палітычнае пытанне.",
    r"рэжым(а|у|ам|е|ы|аў|амі|ах)?(?!\s+(дня|харчавання|сну|работы|працы))": "Гэты рэжым не вечны.",
    "дыктат": "Дыктатура не вечная.",
    "выбар(ы|аў|ах|ам|амі)": "Хутка ў нас выбары.",
    "апазіц": "Лідары апазіцыі перадаюць прывітанне.",
    "санкцы": "Увялі новыя санкцыі.",
    "лукашэнк": "Лукашэнка зноў выступаў па тэлевізары.",
    "ціханоўск": "Ціханоўская перадае Вам прывітанне.",
    "пуцін": "Пуцін прыязджаў у Мінск.",
    "праваабарон": "Праваабаронцы ведаюць пра Вас.",
    "мітынг": "Мы хадзілі на мітынг.",
    r"суд(а|зе|у|ом|ы|оў|ам|ах|амі)?|судов\w*|суддз\w*": "Мы былі на судзе.",
    "прысуд": "Прысуд вельмі жорсткі.",
    "адвакат": "Ваш адвакат перадае прывітанне.",
    "апеляц": "Апеляцыю адхілілі.",
    "следч": "Следчы зноў прыходзіў?",
    "палітвяз": "Мы падтрымліваем усіх палітвязняў.",
    r"(артыкул(а|е|ы|у|ам)?|арт\.?)\s*\d+": "Вас асудзілі па артыкуле 342.",
    "крымінальн": "Крымінальную справу закрылі.",
    "абвінавач": "Абвінавачванне несправядлівае.",
    "асудж": "Усе асуджаныя атрымліваюць лісты.",
    "фашыст": "Яны сапраўдныя фашысты.",
    "кат": "Ён сапраўдны кат.",
    r"тыран(?!н?азаўр)\w*": "Тыран баіцца людзей.",
    "карнік": "Карнікі ходзяць у масках.",
    "бандыт": "Яны сапраўдныя бандыты.",
    r"экстрэмі(ст|зм)\w*": "Нас называюць экстрэмістамі.",
    r"бела?-чырвона-бел\w*": "Успамінаю бел-чырвона-белыя сцягі.",
    "пагон(я|і|ю|яй)": "На сцяне вісіць Пагоня.",
    r'цэнтр\w*\s+[«"„“]?вясна': "Прывітанне ад цэнтра «Вясна».",
    r"тэр(ор|арыст|арызм)\w*": "Гэта называюць тэрарызмам.",
    "жыве беларусь": "Жыве Беларусь!",
    "freedom": "I wish you freedom.",
    "fight(s|ing|er|ers)?|fought": "Keep fighting!",
    "struggl": "We admire your struggle.",
    "resist": "Your resistance inspires us.",
    "protest": "We remember the protests.",
    "revolution": "It was a real revolution.",
    "wars?|wartime|warfare": "The war must end.",
    "ukrain": "My neighbours came from Ukraine.",
    "inva(de|ded|des|ding|der|ders|sion|sions)": "Everyone talks about the invasion.",
    r"mobili[sz]ation\w*": "They announced a mobilisation.",
    "soldier": "Soldiers were everywhere.",
    "arm(y|ies)": "My son serves in the army.",
    "militar": "There were military trucks in the street.",
    "politic": "I think a lot about politics.",
    "regimes?": "This regime will not last.",
    r"dictator\w*": "The dictator is afraid.",
    "election": "The elections were stolen.",
    "opposition": "The opposition sends greetings.",
    "sanction": "New sanctions were introduced.",
    "lukashenk": "Lukashenko spoke on television again.",
    r"t?s?ikhano[uv]sk\w*": "Tsikhanouskaya sends you greetings.",
    "putin": "Putin visited Minsk.",
    "courts?|courtroom": "We were at the court.",
    "verdict": "The verdict is cruel.",
    "lawyer": "Your lawyer sends greetings.",
    "appeals?|appealed": "The appeal was rejected.",
    r"(articles?|art\.?)\s*\d+": "You were convicted under Article 342.",
    "prosecut": "The prosecutor asked for ten years.",
    "investigator": "Did the investigator come again?",
    "criminal case": "The criminal case was closed.",
    "sentenced": "You were sentenced unfairly.",
    "fascis": "They are real fascists.",
    "executioner": "The executioners will answer for it.",
    "tyrants?|tyrann(y|ies|ical)": "The tyrant is afraid of people.",
    "junta": "The junta will not last.",
    "extremis": "They call us extremists.",
    "white-red-white": "I remember the white-red-white flags.",
    "viasna": "Greetings from Viasna.",
    "pahoni?a|pahonya|pogonya": "The Pahonia hangs on my wall.",
    "terroris": "They call it terrorism.",
}

ADVOCACY_TEMPLATES: list[dict[str, str | dict[str, str]]] = [
    {
        "kind": "embassy_letter",
        "use": "discreet",
        "action_kind": "embassy_inquiry",
        "en": {
            "title": "Letter to the Embassy of the Republic of Belarus",
            "body": (
                "{today}\n"
                "\n"
                "To the Ambassador of the Republic of Belarus\n"
                "\n"
                "Your Excellency,\n"
                "\n"
                "I am writing to you as a member of parliament ({parliament}) about a person held "
                "in detention in the Republic of Belarus: {name}.\n"
                "\n"
                "Date of detention: {detained_on}\n"
                "Time in detention: {time_detained}\n"
                "Charged under: {articles}\n"
                "Sentence: {sentence}\n"
                "Current status: {status}\n"
                "Place of detention: {facility}\n"
                "\n"
                "I respectfully ask you to let me know:\n"
                "1. how {name} is feeling and what medical care is provided;\n"
                "2. in what conditions {name} is held;\n"
                "3. whether {name} has regular and confidential access to a lawyer;\n"
                "4. whether {name} receives letters and may correspond with family and friends.\n"
                "\n"
                "I call on the authorities of the Republic of Belarus to release this person on "
                "humanitarian grounds.\n"
                "\n"
                "Thank you in advance for your reply.\n"
                "\n"
                "Yours faithfully,\n"
                "\n"
                "{godparent_name}\n"
                "{parliament}"
            ),
        },
        "ru": {
            "title": "Письмо в посольство Республики Беларусь",
            "body": (
                "{today}\n"
                "\n"
                "Послу Республики Беларусь\n"
                "\n"
                "Ваше Превосходительство!\n"
                "\n"
                "Обращаюсь к Вам как депутат парламента ({parliament}) по поводу человека, "
                "находящегося под стражей в Республике Беларусь: {name}.\n"
                "\n"
                "Дата задержания: {detained_on}\n"
                "Срок нахождения под стражей: {time_detained}\n"
                "Обвинение по статьям: {articles}\n"
                "Приговор: {sentence}\n"
                "Текущий статус: {status}\n"
                "Место содержания: {facility}\n"
                "\n"
                "Прошу Вас сообщить:\n"
                "1. как себя чувствует {name} и какую медицинскую помощь получает;\n"
                "2. в каких условиях содержится {name};\n"
                "3. имеет ли {name} регулярный и конфиденциальный доступ к адвокату;\n"
                "4. получает ли {name} письма и может ли переписываться с родными и близкими.\n"
                "\n"
                "Призываю власти Республики Беларусь освободить этого человека по гуманитарным "
                "соображениям.\n"
                "\n"
                "Заранее благодарю за ответ.\n"
                "\n"
                "С уважением,\n"
                "\n"
                "{godparent_name}\n"
                "{parliament}"
            ),
        },
        "be": {
            "title": "Ліст у пасольства Рэспублікі Беларусь",
            "body": (
                "{today}\n"
                "\n"
                "Паслу Рэспублікі Беларусь\n"
                "\n"
                "Ваша Эксцэленцыя!\n"
                "\n"
                "Звяртаюся да Вас як дэпутат парламента ({parliament}) адносна чалавека, які "
                "знаходзіцца пад вартай у Рэспубліцы Беларусь: {name}.\n"
                "\n"
                "Дата затрымання: {detained_on}\n"
                "Тэрмін знаходжання пад вартай: {time_detained}\n"
                "Абвінавачванне па артыкулах: {articles}\n"
                "Прысуд: {sentence}\n"
                "Цяперашні статус: {status}\n"
                "Месца ўтрымання: {facility}\n"
                "\n"
                "Прашу Вас паведаміць:\n"
                "1. як сябе адчувае {name} і якую медыцынскую дапамогу атрымлівае;\n"
                "2. у якіх умовах утрымліваецца {name};\n"
                "3. ці мае {name} рэгулярны і канфідэнцыйны доступ да адваката;\n"
                "4. ці атрымлівае {name} лісты і ці можа перапісвацца з роднымі і блізкімі.\n"
                "\n"
                "Заклікаю ўлады Рэспублікі Беларусь вызваліць гэтага чалавека з гуманітарных "
                "меркаванняў.\n"
                "\n"
                "Загадзя дзякую за адказ.\n"
                "\n"
                "З павагай,\n"
                "\n"
                "{godparent_name}\n"
                "{parliament}"
            ),
        },
    },
    {
        "kind": "parliamentary_question",
        "use": "public",
        "action_kind": "parliamentary_question",
        "en": {
            "title": "Written parliamentary question",
            "body": (
                "Question for written answer to the Government\n"
                "\n"
                "Subject: {name} (Belarus)\n"
                "\n"
                "{name} is imprisoned in Belarus for political reasons.\n"
                "Date of detention: {detained_on}\n"
                "Time in detention: {time_detained}\n"
                "Charged under: {articles}\n"
                "Sentence: {sentence}\n"
                "Place of detention: {facility}\n"
                "Current status: {status}\n"
                "\n"
                "1. What steps has the Government taken, on its own and together with its "
                "partners, to secure the release of this person and of all political prisoners in "
                "Belarus?\n"
                "\n"
                "2. Has the Government raised with the Belarusian authorities this person's "
                "health, conditions of detention, access to a lawyer and right to correspondence, "
                "and with what result?\n"
                "\n"
                "3. Will the Government support independent monitoring of places of detention in "
                "Belarus and humanitarian assistance to political prisoners and their families?\n"
                "\n"
                "{godparent_name}\n"
                "{parliament}\n"
                "{today}"
            ),
        },
        "ru": {
            "title": "Письменный вопрос Правительству",
            "body": (
                "Письменный вопрос Правительству\n"
                "\n"
                "Тема: {name} (Беларусь)\n"
                "\n"
                "{name} находится в заключении в Беларуси по политическим мотивам.\n"
                "Дата задержания: {detained_on}\n"
                "Срок нахождения под стражей: {time_detained}\n"
                "Обвинение по статьям: {articles}\n"
                "Приговор: {sentence}\n"
                "Место содержания: {facility}\n"
                "Текущий статус: {status}\n"
                "\n"
                "1. Какие шаги предприняло Правительство, самостоятельно и вместе с партнёрами, "
                "чтобы добиться освобождения этого человека и всех политических заключённых в "
                "Беларуси?\n"
                "\n"
                "2. Поднимало ли Правительство перед властями Беларуси вопросы о здоровье этого "
                "человека, условиях содержания, доступе к адвокату и праве на переписку, и с каким "
                "результатом?\n"
                "\n"
                "3. Поддержит ли Правительство независимый мониторинг мест лишения свободы в "
                "Беларуси и гуманитарную помощь политическим заключённым и их семьям?\n"
                "\n"
                "{godparent_name}\n"
                "{parliament}\n"
                "{today}"
            ),
        },
        "be": {
            "title": "Пісьмовае пытанне Ураду",
            "body": (
                "Пісьмовае пытанне Ураду\n"
                "\n"
                "Тэма: {name} (Беларусь)\n"
                "\n"
                "{name} знаходзіцца ў зняволенні ў Беларусі па палітычных матывах.\n"
                "Дата затрымання: {detained_on}\n"
                "Тэрмін знаходжання пад вартай: {time_detained}\n"
                "Абвінавачванне па артыкулах: {articles}\n"
                "Прысуд: {sentence}\n"
                "Месца ўтрымання: {facility}\n"
                "Цяперашні статус: {status}\n"
                "\n"
                "1. Якія крокі зрабіў Урад, самастойна і разам з партнёрамі, каб дамагчыся "
                "вызвалення гэтага чалавека і ўсіх палітычных вязняў у Беларусі?\n"
                "\n"
                "2. Ці ўздымаў Урад перад уладамі Беларусі пытанні пра здароўе гэтага чалавека, "
                "умовы ўтрымання, доступ да адваката і права на перапіску, і з якім вынікам?\n"
                "\n"
                "3. Ці падтрымае Урад незалежны маніторынг месцаў пазбаўлення волі ў Беларусі і "
                "гуманітарную дапамогу палітычным вязням і іх сем'ям?\n"
                "\n"
                "{godparent_name}\n"
                "{parliament}\n"
                "{today}"
            ),
        },
    },
    {
        "kind": "speech",
        "use": "public",
        "action_kind": "plenary_speech",
        "en": {
            "title": "One-minute speech in plenary",
            "body": (
                "Mr/Madam President, dear colleagues,\n"
                "\n"
                "Today I want to speak about a person I stand by as a symbolic godparent: {name}.\n"
                "\n"
                "Since {detained_on}, {name} has been behind bars.\n"
                "For {time_detained} now, {name} has been kept away from family, friends and "
                "ordinary life.\n"
                "The charges: {articles}\n"
                "The sentence: {sentence}\n"
                "Place of detention: {facility}\n"
                "\n"
                "There are many hundreds of political prisoners in Belarus. They are imprisoned "
                "for peaceful words, for taking part in protests, for a comment online, for "
                "helping others. Many are denied medical care, meetings with a lawyer and letters "
                "from home. Letters are often their only link with the outside world.\n"
                "\n"
                "We must not let their names be forgotten. I call on our Government and our "
                "partners to keep raising every case with the Belarusian authorities, to support "
                "the families and to seek the release of all political prisoners, {name} among "
                "them.\n"
                "\n"
                "Thank you."
            ),
        },
        "ru": {
            "title": "Минутное выступление на пленарном заседании",
            "body": (
                "Уважаемый председатель, уважаемые коллеги!\n"
                "\n"
                "Сегодня я хочу рассказать о человеке, которого поддерживаю в программе "
                "символических крёстных: {name}.\n"
                "\n"
                "С {detained_on} {name} находится за решёткой.\n"
                "Уже {time_detained} {name} живёт вдали от семьи, друзей и обычной жизни.\n"
                "Обвинение по статьям: {articles}\n"
                "Приговор: {sentence}\n"
                "Место заключения: {facility}\n"
                "\n"
                "В Беларуси сотни политических заключённых. Их лишили свободы за мирные слова, за "
                "участие в протестах, за комментарий в интернете, за помощь другим. Многим "
                "отказывают в медицинской помощи, во встречах с адвокатом, в письмах из дома. "
                "Письма часто остаются их единственной связью с внешним миром.\n"
                "\n"
                "Мы не должны допустить, чтобы их имена забыли. Я призываю наше правительство и "
                "наших партнёров и дальше поднимать каждое дело перед белорусскими властями, "
                "поддерживать семьи и добиваться освобождения всех политических заключённых, и "
                "{name} в их числе.\n"
                "\n"
                "Благодарю за внимание."
            ),
        },
        "be": {
            "title": "Хвілінны выступ на пленарным пасяджэнні",
            "body": (
                "Паважаны старшыня, паважаныя калегі!\n"
                "\n"
                "Сёння я хачу расказаць пра чалавека, якога падтрымліваю ў праграме сімвалічных "
                "хросных: {name}.\n"
                "\n"
                "З {detained_on} {name} знаходзіцца за кратамі.\n"
                "Ужо {time_detained} {name} жыве далёка ад сям'і, сяброў і звычайнага жыцця.\n"
                "Абвінавачванне па артыкулах: {articles}\n"
                "Прысуд: {sentence}\n"
                "Месца зняволення: {facility}\n"
                "\n"
                "У Беларусі сотні палітычных вязняў. Іх пазбавілі волі за мірныя словы, за ўдзел у "
                "пратэстах, за каментар у інтэрнэце, за дапамогу іншым. Многім адмаўляюць у "
                "медыцынскай дапамозе, у сустрэчах з адвакатам, у лістах з дому. Лісты часта "
                "застаюцца іх адзінай сувяззю са знешнім светам.\n"
                "\n"
                "Мы не павінны дапусціць, каб іх імёны забылі. Я заклікаю наш урад і нашых "
                "партнёраў і далей уздымаць кожную справу перад беларускімі ўладамі, падтрымліваць "
                "сем'і і дамагацца вызвалення ўсіх палітычных вязняў, і {name} у іх ліку.\n"
                "\n"
                "Дзякуй за ўвагу."
            ),
        },
    },
    {
        "kind": "social_post",
        "use": "public",
        "action_kind": "social_media",
        "en": {
            "title": "Social media post",
            "body": (
                "{name} is imprisoned in Belarus for political reasons. As a symbolic godparent, I "
                "stand with {name}.\n"
                "Behind bars for {time_detained}.\n"
                "Sentence: {sentence}\n"
                "I will keep writing and speaking up until {name} and all political prisoners are "
                "free. #FreeBelarus #StandWithBelarus"
            ),
        },
        "ru": {
            "title": "Пост в социальных сетях",
            "body": (
                "{name} находится в заключении в Беларуси по политическим мотивам. Я участвую в "
                "программе символических крёстных и поддерживаю этого человека.\n"
                "За решёткой уже {time_detained}.\n"
                "Приговор: {sentence}\n"
                "Я буду писать и говорить об этом, пока {name} и все политзаключённые не выйдут на "
                "свободу. #FreeBelarus"
            ),
        },
        "be": {
            "title": "Допіс у сацыяльных сетках",
            "body": (
                "{name} знаходзіцца ў зняволенні ў Беларусі па палітычных матывах. Я ўдзельнічаю ў "
                "праграме сімвалічных хросных і падтрымліваю гэтага чалавека.\n"
                "За кратамі ўжо {time_detained}.\n"
                "Прысуд: {sentence}\n"
                "Я буду пісаць і гаварыць пра гэта, пакуль {name} і ўсе палітвязні не выйдуць на "
                "волю. #FreeBelarus"
            ),
        },
    },
]
