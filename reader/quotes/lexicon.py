"""Word lists used by name detection and attribution (English, with some French)."""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: Honorifics and titles that precede a name and are not part of it.
TITLE_WORDS = _words(
    """
    sen sens rep reps gov govs gen dr mr mrs ms mx m mme mlle lt col capt sgt adm prof rev
    pres hon president vice senator senators representative governor secretary judge justice
    mayor professor minister prime chancellor ambassador director chairman chairwoman chair
    chairs commissioner general admiral colonel captain sheriff chief officer detective pope
    king queen prince princess lord lady sir dame rabbi father coach speaker leader attorney
    former ex late then deputy acting assistant congressman congresswoman councilman
    councilwoman councillor councilmember lawmaker sergeant lieutenant major corporal agent
    ceo cfo coo founder executive dean supt superintendent manager spokesperson spokesman
    spokeswoman majority minority whip treasurer auditor comptroller controller clerk
    principal bishop cardinal archbishop president-elect prosecutor witness counsel inspector
    constable trooper commander pastor imam reverend coroner magistrate solicitor barrister
    firefighter juror defendant plaintiff chancellor provost dr. sheikh emir imam ayatollah
    democrat democratic republican labour conservative tory liberal independent mp msp mep
    mla td alderman alderwoman alderperson supervisor assemblyman assemblywoman
    assemblymember delegate trustee regent selectman selectwoman freeholder legislator
    senator-elect mayor-elect governor-elect maj brig cmdr cpl pfc spc ret inspector-general
    ambassador-designate envoy diplomat minister-president premier nominee master lead
    co-founder cofounder editor-in-chief head organizer organiser coordinator administrator
    planner ranger warden marshal steward curator archivist librarian proprietor landlord
    chairperson vice-chair vice-president secretary-general director-general manager
    cardinal rabbi entrepreneur businessman businesswoman billionaire activist candidate
    investor economist analyst author novelist historian scientist researcher physician
    striker goalkeeper keeper midfielder defender winger forward quarterback pitcher teammate
    """
)
#: Leading words that are never part of a name.
STOP_WORDS = _words(
    """
    the a an but and or so yet for nor if when while as at in on of by to from with without
    after before during since until however though although because meanwhile moreover
    still also then there here this that these those it its he she they we i you his her
    their our my your both all some many most other others such no not one two three
    according per last next every each another later earlier yesterday today tomorrow
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december what why who how where which
    just even only instead indeed asked among like unlike under over dear sincerely le la
    les un une des du au aux pour dans sur selon mais et il elle ils elles on nous vous je
    mon ma mes son sa ses leur leurs ce cette ces en à según laut secondo el los las del
    die der das und von vom zum zur im am
    outside inside despite following before after during since under over through across
    behind beyond near along around against toward towards earlier later now tonight
    thus hence perhaps maybe sometimes often once twice eventually finally afterwards
    afterward recently currently previously initially ultimately separately similarly
    likewise nonetheless nevertheless otherwise besides furthermore additionally overall
    notably ironically speaking reached contacted interviewed told born raised asked
    writing dear hi hello thanks yes no ok okay well oh please sorry
    """
)
#: Words marking an organisation or publication.
ORG_WORDS = _words(
    """
    center centre institute party department ministry agency office council committee
    commission court senate congress pentagon administration government university college
    school times post news journal press network foundation association union group company
    corp inc ltd llc bank fund police army navy force forces command cartel stone reuters
    associated bloomberg guardian telegraph bbc cnn nbc abc cbs fox msnbc npr politico axios
    magazine daily tribune herald gazette review board bureau service services organization
    organisation league club team church hospital campaign coalition district authority
    corps panel metro local federation alliance society council ledger courier dispatch
    chronicle observer examiner inquirer sentinel record standard express mirror syndicat
    coopérative cave ministère conseil assembly parliament cabinet caucus commission
    house transit transport airlines airways energy motors systems technologies labs
    partners capital holdings media health works industries international global
    solutions institute academy laboratory observatory museum library agency trust
    electric power gas water oil insurance pharmaceuticals foods farms brewing mining steel
    telecom wireless software studios records publishing ventures logistics packing
    cooperative co-op railways shipping marine construction development properties realty
    hotels resorts entertainment pictures films utilities airways bancorp
    workers employees teamsters guild co weekly monthly quarterly paper
    """
)
#: Words marking a place (never a speaker-person).
PLACE_WORDS = _words(
    """
    river lake creek bay harbor harbour county city valley mountain mountains levels moor
    moors street road avenue island islands dam bridge park township village state country
    sea ocean coast beach hill hills falls canyon forest estuary channel pier airport station
    eve day hall square building tower reservoir bend flats basin gulf peninsula heights
    crossing junction springs point landing ferry fork corners
    mexico america europe africa asia washington california oregon texas florida york
    """
)
#: Role nouns that refer back to a named person ("the senator said").
PERSON_ROLES = _words(
    """
    senator president mayor chair chairman chairwoman judge director governor secretary
    minister commissioner superintendent manager spokesperson spokesman spokeswoman lawmaker
    congressman congresswoman representative councilman councilwoman executive ceo founder
    chief leader coach professor adviser advisor engineer lawyer attorney official officer
    candidate nominee ex-president ex-governor premier chancellor ambassador economist
    historian scientist researcher author writer widow farmer owner driver operator
    """
)
#: Nouns for unnamed people who can be quoted ("one cannery worker said").
ANON_PERSONS = _words(
    """
    worker resident source official participant member colleague friend neighbor neighbour
    witness observer analyst expert critic person man woman voter driver student teacher
    parent farmer fisherman crabber owner employee staffer aide insider diplomat lawmaker
    officer doctor nurse lawyer supporter opponent protester organizer activist customer
    passenger rider commuter fan player coach manager veteran survivor victim relative
    mother father son daughter wife husband brother sister gaffer boss deckhand engineer
    spokesperson spokesman spokeswoman representative executive investor trader economist
    scientist researcher historian professor author writer reporter journalist editor
    """
)
#: Role nouns that refer back to an organisation ("the statement said").
ORG_ROLES = _words(
    """
    statement release report agency union company district coalition authority board panel
    commission department ministry court lawsuit filing group committee campaign office
    administration government firm organization organisation association institute council
    bureau network newspaper paper magazine outlet publication utility airline carrier insurer
    retailer automaker railway railroad hospital school university college club team league
    museum charity nonprofit startup firm bank
    """
)
KIN = {
    "dad": "father", "father": "father", "papa": "father", "père": "father", "pa": "father",
    "mom": "mother", "mum": "mother", "mother": "mother", "mère": "mother", "ma": "mother",
    "gran": "grandmother", "granny": "grandmother", "grandma": "grandmother",
    "grandmother": "grandmother", "grand-mère": "grandmother", "nan": "grandmother",
    "grandpa": "grandfather", "grandfather": "grandfather", "grand-père": "grandfather",
    "granddad": "grandfather", "husband": "husband", "wife": "wife", "mari": "husband",
    "femme": "wife", "brother": "brother", "sister": "sister", "son": "son", "daughter": "daughter",
}  # fmt: skip
KIN_GENDER = {
    "father": "m", "grandfather": "m", "husband": "m", "brother": "m", "son": "m",
    "mother": "f", "grandmother": "f", "wife": "f", "sister": "f", "daughter": "f",
}  # fmt: skip
KIN_WORDS = {
    "father": ("father", "dad", "padre", "Vater"),
    "mother": ("mother", "mom", "mum", "madre", "Mutter"),
    "grandmother": ("grandmother", "gran", "grandma", "grand-mère", "abuela", "Großmutter"),
    "grandfather": ("grandfather", "grandpa", "grand-père", "abuelo", "Großvater"),
    "husband": ("husband", "mari", "esposo", "marido", "Ehemann"),
    "wife": ("wife", "femme", "esposa", "Ehefrau"),
    "brother": ("brother", "frère", "hermano", "Bruder"),
    "sister": ("sister", "sœur", "hermana", "Schwester"),
    "son": ("son", "fils", "hijo", "Sohn"), "daughter": ("daughter", "fille", "hija", "Tochter"),
}  # fmt: skip
#: "X's granddaughter" style reverse relations: kin of the speaker -> how the speaker is introduced.
KIN_REVERSE = {
    "grandfather": ("granddaughter of", "grandson of", "petite-fille de", "petit-fils de"),
    "grandmother": ("granddaughter of", "grandson of", "petite-fille de", "petit-fils de"),
    "father": ("daughter of", "son of", "fille de", "fils de"),
    "mother": ("daughter of", "son of", "fille de", "fils de"),
}  # fmt: skip
MALE_PRONOUNS = _words("he him his himself il lui él er")
FEMALE_PRONOUNS = _words("she her hers herself elle ella sie lei")
FIRST_PERSON = _words("i me my mine myself je me moi mon ma mes j’ j' we us our nous")
MALE = _words(
    """
    donald joe john james robert michael william david richard joseph thomas charles
    christopher daniel matthew matt anthony mark paul steven steve andrew kenneth george kevin
    brian edward ronald ron timothy jason jeffrey ryan jacob gary nicholas eric stephen
    jonathan larry justin scott frank brandon benjamin samuel gregory raymond patrick alexander
    jack dennis jerry tyler aaron henry douglas peter adam nathan zachary walter kyle harold
    carl jeremy keith roger gerald ethan arthur terry christian sean lawrence austin noah
    bernie barack bill ted tom tim mike mitch chuck ken rand marco vladimir emmanuel boris
    rishi keir olaf narendra andrés abu hakeem elon jeff bob jim dick ali mohammed muhammad
    ahmed omar hunter marcus howard colin philip françois bernard pierre jacques louis michel
    dan danny dave jon johnny nick chris matthew luke graham gareth owen rhys ian alan alasdair
    duncan callum ruairi liam connor declan seamus niall fergus angus hamish neil nigel simon
    trevor graham clive derek barry gary wayne dean carl craig stuart alistair malcolm hugh
    rupert giles toby oliver harry charlie george alfie archie freddie theo leo max felix hans
    jürgen klaus stefan thomas lukas jonas matteo giovanni giuseppe marco luca alessandro
    carlos jose josé juan luis miguel pedro pablo diego javier alejandro fernando manuel raúl
    jorge sergio ricardo eduardo rafael antonio francisco joão paulo ivan dmitri sergei andrei
    vladimir nikolai pavel piotr tomasz krzysztof jan karel milan marek bogdan kofi kwame
    kwabena emeka chinedu oluwaseun tunde abdul hassan hussein karim khalid tariq youssef raj
    rahul arjun vikram sanjay amit anil ravi wei jun hiroshi kenji takeshi min joon darnell
    tyrone jamal deshawn terrell marquis jaylen travis wendell lyle walt dwight samuel
    nathaniel benedict dennis gerald harold ruairi tomas tomás mateo ben sam jake josh zach
    cody chad brett brad todd troy kurt glenn glen dale wade clay earl ralph roy leon victor
    vincent phillip russell bobby billy randy ricky jimmy tommy eddie frankie sammy ray howard
    curtis alvin calvin marvin melvin herbert stanley bernard lloyd floyd willie elijah isaiah
    caleb logan mason liam lucas aiden jackson levi owen wyatt gavin colton landon dylan evan
    ian ezra miles silas emmett declan rowan finn reid grant brent neal kent kirk lance dirk
    hank ned abe
    """
)
FEMALE = _words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    margaret betty sandra dorothy kimberly emily donna michelle carol amanda melissa deborah
    stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia christina lauren joan evelyn judith
    megan cheryl hannah martha jacqueline frances gloria ann teresa kathryn sara janice alice
    madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie diana brittany natalie isabella charlotte rose kayla hillary kamala nikki kristi
    marjorie elise liz ilhan alexandria elena sonia ursula giorgia marine jacinda claudia
    melania ivanka kristen tulsi edith lena hélène marianne jane janet jenny jessie kate katie
    lucy sophie chloe ellie amelia isla ava mia poppy evie freya megan siobhan aoife niamh
    ciara orla sinead fiona kirsty morag eilidh catriona mairead gemma hayley leanne stacey
    tracey julie claire joanne nicola louise rachel alison gillian maureen brenda sheila ingrid
    astrid greta sigrid helga ursula petra anke maria giulia chiara francesca sofia valentina
    lucia lucía carmen elena isabel ana rosa teresa pilar mercedes dolores beatriz fernanda
    gabriela daniela camila natalia olga irina tatiana svetlana anna ewa agnieszka katarzyna
    magdalena zofia ngozi chioma amara adaeze abena akosua ama fatima aisha layla leila yasmin
    zainab noor priya anita sunita deepa kavita mei ling yuki yoko keiko hana ji-yeon soo-jin
    tamika latoya keisha shanice renee yolanda lorena lorraine rebecca verna rosalind wren
    mireille delphine marguerite lucinda rhonda josefina dolores winifred deirdre kimberly
    hannah maren leah nora laura beth becky peggy peg sue sally molly holly polly dolly nancy
    wendy cindy mandy candy brandy tina gina dina lena nina tara cara sara kara lana jana donna
    gloria vera wanda linda brenda glenda rhoda rita ruth edna ethel irene marjorie mildred
    gladys hazel pearl ruby opal violet iris daisy lily rose ivy ella stella bella emma olivia
    ava charlotte evelyn abigail emily madison chloe zoe zoë aria layla nora hazel aurora
    savannah audrey brooklyn claire paisley naomi elena sadie piper lydia alice cora eliza
    josephine
    """
)
#: Titles and role nouns that tell a person's gender.
MALE_ROLES = _words(
    """
    mr m sir lord king prince chairman spokesman congressman councilman businessman father
    husband son brother widower grandfather uncle nephew boy actor monsieur señor herr
    """
)
FEMALE_ROLES = _words(
    """
    mrs ms mme mlle miss dame lady queen princess chairwoman spokeswoman congresswoman
    councilwoman businesswoman mother wife daughter sister widow grandmother aunt niece girl
    actress madame señora frau kanzlerin
    """
)
#: Common English nicknames and the given names they stand for.
NICKNAMES = {
    "peg": "margaret", "peggy": "margaret", "maggie": "margaret", "meg": "margaret",
    "bill": "william", "will": "william", "billy": "william", "liam": "william",
    "bob": "robert", "bobby": "robert", "rob": "robert", "robbie": "robert", "bert": "robert",
    "dick": "richard", "rick": "richard", "rich": "richard", "jim": "james", "jimmy": "james",
    "jamie": "james", "tom": "thomas", "tommy": "thomas", "mike": "michael", "mick": "michael",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "lisa": "elizabeth",
    "kate": "katherine", "katie": "katherine", "kathy": "katherine", "tony": "anthony",
    "joe": "joseph", "joey": "joseph", "dan": "daniel", "danny": "daniel", "matt": "matthew",
    "chris": "christopher", "sam": "samuel", "ben": "benjamin", "alex": "alexander",
    "nick": "nicholas", "steve": "steven", "dave": "david", "jenny": "jennifer",
    "jen": "jennifer", "sue": "susan", "patty": "patricia", "pat": "patricia",
    "ted": "edward", "ed": "edward", "eddie": "edward", "hank": "henry", "harry": "henry",
    "jack": "john", "johnny": "john", "walt": "walter", "andy": "andrew", "drew": "andrew",
    "greg": "gregory", "jeff": "jeffrey", "ken": "kenneth", "larry": "lawrence",
    "ron": "ronald", "don": "donald", "doug": "douglas", "fred": "frederick",
    "chuck": "charles", "charlie": "charles", "abby": "abigail", "becky": "rebecca",
    "cathy": "catherine", "debbie": "deborah", "deb": "deborah", "jess": "jessica",
    "nan": "nancy", "mandy": "amanda", "sandy": "sandra", "vicky": "victoria",
}  # fmt: skip
