/**
 * The word lists behind the name recogniser (entities-names.ts): cues that make a capitalised chunk a
 * person or an organisation, and the capitalised words that are never either (places, outlets, months).
 * All entries are lower case, accents folded; multi-word entries use single spaces.
 */
import { NEWS_ORGANISATIONS, OUTLET_WORDS } from '../text/outlets.ts';
import { foldCase } from '../text/normalize.ts';

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));
const phrases = (text: string): ReadonlySet<string> => new Set(text.split('|').map((p) => p.trim()).filter(Boolean));

/**
 * Titles written capitalised before a name ("President Donald Trump", "Army Gen. Mark Milley",
 * "Foreign Minister Mohammad Javad Zarif"). The name after the last title word is a person.
 */
export const TITLES = words(`
  president president-elect vice-president vice prime minister ministers secretary secretary-general undersecretary
  gen general brigadier lt lieutenant col colonel maj major capt captain sgt sergeant cpl adm admiral marshal
  commander cmdr army navy mr mrs ms miss dr prof professor sheikh shaikh sheik ambassador sen senator rep
  representative gov governor chairman chairwoman chairperson chair chief deputy director judge justice king queen
  prince princess crown emir amir sultan ayatollah grand imam pope cardinal archbishop bishop rev reverend father
  premier chancellor speaker mayor pm spokesman spokeswoman spokesperson foreign defence defense interior finance
  treasury trade economy agriculture energy oil industry commerce labor labour health education justice attorney electric
  executive managing assistant acting former ex-president ex-prime envoy leader lord lady sir dame president-designate
  superintendent inspector counsellor counselor consul chargé charge d'affaires officer field private commissioner
`);

/**
 * Title words that only make a title before another one ("Energy Minister", "Treasury Secretary",
 * "Acting President"); alone before a name they are something else ("Energy Assets", "Trade Act").
 */
export const PORTFOLIOS = words(`
  foreign defence defense interior finance treasury trade economy agriculture energy oil industry commerce
  labor labour health education justice attorney executive managing assistant acting former army navy crown
  grand vice deputy field private chief lord
`);

/** Titles that are also ordinary words before a name ("General Motors", "Major League"): need a full name. */
export const AMBIGUOUS_TITLES = words('general major grand marshal field private');

/** Words that continue a title after "of" ("Secretary of State", "Chief of Staff", "Minister of Defence"). */
export const TITLE_TAILS = words(`
  state staff defence defense finance foreign affairs interior trade justice health energy oil industry
  commerce agriculture economy labor labour education information exchequer
`);

/** Lower-case role nouns that make the name right after them (or in an appositive) a person. */
export const ROLE_NOUNS = words(`
  ambassador spokesman spokeswoman spokesperson general leader scientist minister president premier secretary
  officer commander chief head chairman chairwoman director analyst envoy adviser advisor aide diplomat
  cleric lawmaker legislator senator congressman congresswoman politician candidate governor mayor judge lawyer
  attorney professor researcher economist editor reporter correspondent journalist author writer founder
  co-founder owner investor executive manager banker trader broker negotiator mediator colonel captain
  lieutenant sergeant soldier commissioner deputy mp militant fighter commentator expert strategist activist
  ex-senator ex-president ex-minister spokesmen chancellor king queen prince sheikh ayatollah imam pope bishop
  vice-president vice-chairman president-elect counsel consultant fellow businessman
  businesswoman tycoon billionaire father mother son daughter brother sister wife husband widow
`);

/** Lower-case words that may stand between a role and its article in a descriptor ("top Iranian general"). */
export const DESCRIPTOR_MODIFIERS = words(`
  top senior former prominent leading veteran chief deputy acting outgoing incoming new longtime long-time
  powerful influential military nuclear militia political religious spiritual supreme foreign defence defense
  finance economic trade oil energy state national regional local international hardline moderate conservative
  liberal opposition rebel shiite shia sunni kurdish iranian iraqi american british us u.s. western israeli
  saudi syrian lebanese russian chinese french german japanese the a an its their his her us-backed
  iran-backed executive managing general special vice assistant associate principal joint
`);

/**
 * Words inside a capitalised chunk that make it an organisation ("Popular Mobilization Force",
 * "Supreme National Security Council", "State Department", "Texaco Inc").
 */
export const ORG_HEADS = words(`
  ministry department council committee commission corps force forces army navy guard guards party front
  movement brigade brigades militia group agency authority bureau office organisation organization
  association union federation league alliance board bank fund reserve exchange institute institution
  university college school academy court tribunal parliament congress senate assembly house chamber society treasury
  foundation trust company co corp corporation inc incorporated ltd limited plc llc ag sa nv gmbh bv spa
  holdings industries enterprises airlines airways motors petroleum chemicals steel mining securities capital
  partners investments bancorp bancshares financial insurance systems technologies laboratories pharmaceuticals
  communications telecom railway railways administration service services programme program community
  nations chiefs directorate secretariat cabinet government police intelligence command battalion regiment
  division unit coalition network mission embassy consulate hospital clinic church mosque museum library
  centre center laboratory laboratories
`);

/** Final words of organisation names written with a company suffix (always organisations). */
export const COMPANY_SUFFIXES = words('inc incorporated corp corporation co ltd limited plc llc ag sa nv gmbh bv spa holdings');

/** Lower-case nouns right after a name that make it an organisation ("the Asaib Ahl al-Haq militia"). */
export const ORG_NOUNS = words(`
  militia militias group groups party faction factions movement organisation organization company companies
  firm bank agency ministry council committee network coalition alliance union federation association
  insurgency rebels fighters unit subsidiary affiliate conglomerate group's militia's company's
`);

/** Appositive heads that make the name before them an organisation ("Kataib Hezbollah, a militia …"). */
export const ORG_APPOSITIVE_NOUNS = words(`
  militia group faction movement party organisation organization company firm bank agency coalition alliance
  network subsidiary unit umbrella body think-tank think charity
`);

/** Verbs of speech: "X said", "said X", "X told …" make X a speaker. */
export const SPEECH_VERBS = words('said says say told tells added adds stated states warned warns noted notes concluded concludes explained explains insisted insists declared declares asserted asserts claimed claims argued argues wrote writes');

/** Well-known organisations that carry no cue word in their name. */
export const KNOWN_ORGS = phrases(`
  hezbollah|hamas|taliban|al-qaeda|al qaeda|isis|isil|islamic state|daesh|opec|nato|pentagon|kremlin|
  white house|fed|gatt|imf|un|unesco|unicef|who|wto|eu|ec|oecd|asean|opec|euratom|comecon|efta|unctad|
  interpol|fbi|cia|nsa|kgb|mossad|sec|ftc|irgc|pmf|hashd al-shaabi|houthis|houthi|al-shabaab|boko haram|congress|senate|
  world bank|european community|european union|united nations|red cross|amnesty international|greenpeace|
  general agreement on tariffs and trade
`);

/**
 * Outlets, agencies and photo credits: sources of the news, not the people and organisations in it. The one
 * list of news organisations (text/outlets.ts, which the report counter reads too) with the credits and
 * platforms only the recogniser needs.
 */
export const OUTLETS: ReadonlySet<string> = new Set([...NEWS_ORGANISATIONS.flatMap((o) => o.names.map((n) => foldCase(n))), ...OUTLET_WORDS]);

/** Places: countries, capitals, large cities, regions and a few landmarks of the news. */
export const PLACES = phrases(`
  afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|bahamas|bahrain|
  bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia|botswana|brazil|brunei|bulgaria|
  burkina faso|burma|burundi|cambodia|cameroon|canada|chad|chile|china|colombia|comoros|congo|costa rica|
  croatia|cuba|cyprus|czech republic|czechoslovakia|denmark|djibouti|dominica|ecuador|egypt|el salvador|eritrea|
  estonia|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|west germany|east germany|ghana|greece|
  grenada|guatemala|guinea|guyana|haiti|honduras|hong kong|hungary|iceland|india|indonesia|iran|iraq|ireland|
  israel|italy|ivory coast|jamaica|japan|jordan|kazakhstan|kenya|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|
  liberia|libya|liechtenstein|lithuania|luxembourg|macau|madagascar|malawi|malaysia|maldives|mali|malta|
  mauritania|mauritius|mexico|moldova|monaco|mongolia|montenegro|morocco|mozambique|myanmar|namibia|nepal|
  netherlands|holland|new zealand|nicaragua|niger|nigeria|north korea|south korea|korea|norway|oman|pakistan|
  palestine|panama|papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda|
  saudi arabia|senegal|serbia|seychelles|sierra leone|singapore|slovakia|slovenia|somalia|south africa|
  soviet union|ussr|spain|sri lanka|sudan|south sudan|suriname|swaziland|sweden|switzerland|syria|taiwan|
  tajikistan|tanzania|thailand|togo|tonga|trinidad|tobago|tunisia|turkey|turkmenistan|uganda|ukraine|
  united arab emirates|uae|united kingdom|uk|u.k.|britain|great britain|england|scotland|wales|
  united states|us|u.s.|usa|u.s.a.|america|uruguay|uzbekistan|venezuela|vietnam|yemen|yugoslavia|zaire|zambia|
  zimbabwe|europe|asia|africa|latin america|south america|north america|middle east|gulf|persian gulf|
  arabian gulf|the gulf|mideast|far east|near east|east|west|north|south|caribbean|mediterranean|balkans|
  scandinavia|baghdad|tehran|teheran|damascus|beirut|riyadh|jeddah|doha|dubai|abu dhabi|kuwait city|
  manama|muscat|amman|jerusalem|tel aviv|gaza|west bank|cairo|ankara|istanbul|kabul|islamabad|karachi|
  new delhi|delhi|mumbai|bombay|dhaka|colombo|kathmandu|beijing|peking|shanghai|tokyo|osaka|seoul|
  pyongyang|taipei|manila|jakarta|bangkok|hanoi|kuala lumpur|canberra|sydney|melbourne|wellington|
  moscow|kiev|kyiv|minsk|warsaw|prague|budapest|vienna|berlin|bonn|frankfurt|munich|hamburg|paris|
  london|dublin|edinburgh|madrid|lisbon|rome|milan|athens|brussels|amsterdam|the hague|zurich|geneva|bern|
  stockholm|oslo|copenhagen|helsinki|reykjavik|luxembourg|ottawa|toronto|montreal|vancouver|
  washington|new york|los angeles|chicago|houston|dallas|san francisco|boston|miami|detroit|atlanta|
  philadelphia|seattle|denver|new orleans|pittsburgh|cleveland|st louis|minneapolis|kansas city|
  mexico city|havana|caracas|bogota|lima|santiago|buenos aires|sao paulo|rio de janeiro|brasilia|
  montevideo|quito|la paz|lagos|abuja|nairobi|addis ababa|johannesburg|pretoria|cape town|khartoum|
  tripoli|benghazi|tunis|algiers|rabat|casablanca|kinshasa|accra|dakar|harare|lusaka|
  basra|mosul|kirkuk|erbil|irbil|najaf|karbala|fallujah|ramadi|tikrit|sulaimaniya|aleppo|homs|idlib|
  raqqa|isfahan|mashhad|shiraz|tabriz|qom|kurdistan|anbar|diyala|nineveh|green zone|international zone|
  baghdad airport|strait of hormuz|hormuz|red sea|black sea|north sea|wall street|silicon valley|
  alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois|
  indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|
  montana|nebraska|nevada|new hampshire|new jersey|new mexico|north carolina|north dakota|ohio|oklahoma|
  oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|
  west virginia|wisconsin|wyoming|ontario|quebec|alberta|british columbia|bavaria|hesse|punjab|kashmir|
  sinai|golan|kuwait|siberia|tibet|xinjiang|crimea|chechnya|kosovo|catalonia|flanders|wallonia
`);

/** Last words of place names ("Green Zone", "Tahrir Square", "Zawraa Park"). */
export const PLACE_HEADS = words(`
  zone street square airport province park river island islands sea ocean gulf valley mountain mountains
  city county district region bay strait peninsula desert lake coast border road avenue bridge port harbour
  harbor field fields oilfield basin delta plain plains hill hills canal village town state's governorate
`);

/** Nationalities and other adjectives written with a capital (never a name on their own). */
export const DEMONYMS = words(`
  american americans iranian iranians iraqi iraqis israeli israelis british briton britons english french
  german germans italian spanish russian russians soviet chinese japanese korean indian pakistani afghan
  saudi saudis syrian syrians lebanese jordanian egyptian turkish turk turks kurdish kurd kurds arab arabs
  arabic persian european europeans western westerners eastern african asian shia shiite shi'ite shiites
  shi'ites sunni sunnis muslim muslims islamic christian christians jewish jews catholic protestant
  canadian australian mexican brazilian argentine dutch belgian swiss swedish norwegian danish finnish
  polish czech hungarian greek austrian irish scottish welsh portuguese qatari emirati kuwaiti bahraini
  omani yemeni libyan tunisian algerian moroccan sudanese ethiopian nigerian kenyan south-african philippine
  filipino malaysian indonesian thai vietnamese singaporean taiwanese venezuelan colombian chilean peruvian
  palestinian palestinians yazidi yazidis alawite druze gulf middle-eastern latin nordic asean
  republican republicans democrat democrats democratic conservative conservatives labour liberal
  congressional presidential parliamentary ministerial
`);

/** Month and day names and other calendar words (capitalised, never names). */
export const CALENDAR = words(`
  january february march april may june july august september october november december jan feb mar apr
  jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues
  wed thu thur thurs fri sat sun christmas easter ramadan eid today tonight yesterday tomorrow
  weekend spring summer autumn winter
`);

/**
 * Capitalised words that are not names: function words and sentence openers, pronouns, generic nouns
 * headlines and quotes capitalise. A chunk made only of these is dropped; one opening a chunk is cut off.
 */
export const NOT_NAMES = words(`
  a an the this that these those there here it its he she they we i you his her their our my your him them
  us me who whom whose which what when where why how and or but if so as at by for from in into of on onto
  to with without within about after before during since until while though although because however
  meanwhile also still yet then than not no nor all any some many most more much few several each every
  both either neither one two three four five six seven eight nine ten first second third last next other
  another such only even just now already again once today tonight yesterday tomorrow
  according asked earlier later under over above below between among against across through throughout
  despite instead unless whether do does did is are was were be been being has have had will would can could
  should may might must shall let please yes okay ok oh well sources source officials official analysts
  top senior former prominent leading veteran
  reports report people troops officials' leaders members member staff note editor
  editors photo picture video update updated breaking news exclusive analysis opinion comment read more
  related see also share follow join subscribe click watch listen story page section author by
  new old great greater upper lower
  international national federal regional local global world foreign domestic public private
  company companies bank banks group market markets stock stocks shares share dollar dollars yen
  franc francs pound pounds sterling rate rates price prices oil gold crude net profit loss revenue revenues
  sales income earnings dividend year quarter month week day half period total figures figure data
  tonnes tons barrels bpd pct percent mln bln billion million trillion cts dlrs dlr vs avg shr qtr rev
  inc corp co ltd plc reuter reuters
`);

/** Function words: never the first word of a name ("The", "But", "In"), wherever they stand. */
export const FUNCTION_WORDS = words(`
  a an the this that these those there here it its he she they we i you his her their our my your him them
  who whom whose which what when where why how and or but if so as at by for from in into of on onto to with
  without within about after before during since until while though although because however meanwhile also
  still yet then than not no nor all any some many most more much few several each every both either neither
  such only even just now already again once according despite unless whether enough
`);

/** Words ending in -ed or -ing that open company names at a sentence's start ("United Park City Mines Co"). */
export const NAME_OPENERS = words('united consolidated allied associated federated integrated amalgamated advanced applied');

/** Name particles written in lower case inside names ("Osama bin Laden", "Ludwig van Beethoven"). */
export const PARTICLES = words('bin ibn bint ben al el de da di du del della der den van von dos das ul');

/** Prefixes joined to the next word by a hyphen or apostrophe ("al-Kadhimi", "el-Sisi", "d'Estaing"). */
export const PREFIX_PARTICLES = words("al el ad ed as ash ar at az an bin ibn abd abdel abdul d l o");

/**
 * Given names frequent in news text (English, Arabic and Persian, and others in the Reuters data). A chunk
 * that opens with one is a person unless an organisation cue says otherwise.
 */
export const GIVEN_NAMES = words(`
  abdul abdullah abdallah abdel abu ahmad ahmed ali amir ammar ayman bashar barham faisal fuad hadi haider
  haidar hamid hassan hasan hussein husain ibrahim ismail esmail jaafar jafar jawad javad kamal khalid khaled
  mahdi mahmoud mahmud majid masoud massoud mohammad mohammed muhammad mohamed mohsen muhsin moqtada muqtada
  mustafa mostafa nouri nuri omar osama qais qassem qasem qasim laith rafik saad saddam said salih saleh
  salman sami sanam sayyid tariq walid yasser youssef yusuf zaid hadi hossein hosein javad ebrahim esmaeil
  ali-akbar akbar reza hamid hadi abbas abolfazl mehdi jalal nechirvan masrour adel nouri iyad ayad
  donald joe joseph mike michael mark matthew chris christopher john james robert william bill george dick
  richard paul peter david daniel dan thomas tom charles edward henry frank jack jim jimmy ron ronald nancy
  hillary kamala barack mitt lloyd antony tony rex jared ivanka melania jeff steve steven kevin brian
  andrew anthony alan allan howard lawrence larry scott gary gerald jerry dave douglas roger patrick sean
  martin walter arthur carl karl hans helmut jacques francois pierre jean michel jose juan luis carlos
  margaret missy mary anne ann jane susan elizabeth sarah karen linda barbara patricia jennifer laura kate
  katherine catherine emily emma julia maria anna helen ruth alice christine angela theresa boris vladimir
  mikhail sergei yuri dmitry nikolai ivan alexei leonid viktor kim park lee chen wang zhao li deng hu xi
  yasuhiro kiichi noboru satoshi toshio takeshi helmut gerhard otto wilfried norbert nigel geoffrey
  clayton alan malcolm brian bob ed ted fred paul eduard jose jaime fernando alberto rafael raul
  corazon jaime bernardo cesar sumarlin radius subroto ali hisham rilwanu arturo manuel alfonso
`);
