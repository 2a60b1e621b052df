"""Regular expressions of the extraction stage, one a phrase family; word lists are in data/lexicon.yaml."""
import re

# a disaster or an accident named in the sentence explains generic harm ("an earthquake killed eight")
DISASTER = re.compile(
    r"\b(earthquakes?|quakes?|(flash )?floods?|flooding|landslides?|mudslides?|cyclones?|typhoons?|hurricanes?|"
    r"tornado(e?s)?|tsunamis?|avalanches?|wildfires?|bushfires?|forest fires?|heat ?waves?|droughts?|volcan\w*|"
    r"eruptions?|blizzards?|snowstorms?|heavy snow|torrential rains?|heavy rains?|boilers?|furnaces?|"
    r"gas (leaks?|cylinders?|explosions?)|(chemical|fertili[sz]er|pesticide|fireworks?|industrial) (plant|factory)|"
    r"plant explosion|factory fire|ammonium nitrate|mine collapse|(road|traffic) accidents?|(car|bus|plane|train) "
    r"crash(es)?|derail\w*|stampedes?|building collapse|accidents?|fires (are |were )?burning|"
    r"fireworks|landslip|(hazardous|dangerous|toxic) (chemicals?|materials?|substances?)|"
    r"chemicals? (plant|warehouse|depot|factory)|snowfall|rainfall)\b", re.I)


# how a protest went, from its sentence and the next: protesters' violence makes it a riot (ACLED),
# else lethal or brutal force against it is excessive force, else dispersal is intervention
PROTEST_VIOLENT = re.compile(
    r"\b(turn(ed|s)? violent|riots? (broke out|erupted|started)|rioting|rioters|clash(es|ed)? (with|between)|"
    r"clashes broke out|hurl(ed|ing)|thr(ew|ow|owing) (stones|rocks|bottles|petrol bombs|molotov)|"
    r"stone[- ]throw\w*|torch(ed|ing)|set (fire|ablaze)|burn(ed|t|ing) (tyres|tires|cars|vehicles|buildings|shops)|"
    r"vandali[sz]\w*|loot(ed|ing)|smash(ed|ing)|shut down (the )?roads|barricades?|ransack(ed|ing)|"
    r"(shatter(ed|ing)?|broke|break(ing)?) (\w+ ){0,3}windows|"
    r"aggressive (protest|demonstration)s?|violent (protest|demonstration)s?|"
    r"thr(ew|ow|ows|owing|own) (\w+ ){0,2}(stones|rocks|bottles|petrol bombs|molotov\w*|fireworks|firecrackers|"
    r"projectiles|objects|bricks|eggs)|(projectiles|stones|rocks|bottles|objects) (were|was) thrown|pelt(ed|ing)|"
    r"(police|officers|security forces) clashed with|clashes (have |had )?(broken|broke) out|"
    r"confront(ed|ing) (the )?(police|officers|security forces)|fire[sd]? (fire ?crackers|fireworks)|clash(es|ed)?|"
    r"(light|lit|lighting|lighted|start(ed|ing)?) (\w+ )?(fires|bonfires)|(pull(ed|ing)?|t[oe]re|tearing) down|"
    r"remov(ed|ing) (the )?(fences|barriers|barricades)|into (a|the) fire)\b", re.I)


PROTEST_FORCE = re.compile(
    r"\b(excessive force|violently (suppress|disperse|crush|br[oe]ke? up)\w*|live (ammunition|bullets|fire|rounds)|"
    r"(tear gas|teargas) and (live )?bullets|shot dead|opened fire on|beat(en|ing)? (up )?(protesters|demonstrators)|"
    r"batons?|bludgeon\w*|beat(s|en|ing)? (up )?(an? )?([\w-]+ )?(protesters?|demonstrators?)|violent crackdown|"
    r"(shot|fired|shoot|fire|firing) live (rounds|ammunition|bullets))\b", re.I)


PROTEST_INTERVENTION = re.compile(
    r"\b(tear ?gas|water cannons?|dispers(e|ed|ing|al)|rubber bullets|arrest(ed|ing)|detain(ed|ing)?|"
    r"arrests (were|have been|had been) made|made (\w+ )?arrests|"
    r"broke up|break up|forcefully suspended|cordon(ed)?|suppress(ed|ing)|pepper[- ]spray\w*|"
    r"drag(ged|ging)? (them|protesters|demonstrators)|chas(e|ed|es|ing)|repression|crack(ed)? down|crackdown)\b", re.I)


PROTEST_CONTEXT = re.compile(r"\b(protest\w*|demonstrat\w*|riot\w*|rall(y|ies)|march\w*|unrest|mobs?|crowds?|"
                             r"agitat\w*|strikers?|youths?|residents|villagers|locals|community members)\b", re.I)


# a labour strike, not an air or drone strike ("on strike", "a general strike", "striking workers")
PROTESTING = re.compile(r"\b(protest\w*|demonstrat\w*|rall(y|ies)|march(es|ed|ing)?|sit-ins?|on strike|"
                        r"(general|hunger|labou?r|workers'?|nationwide|national|teachers'?|doctors'?) strikes?|"
                        r"strikers?|striking (workers|teachers|doctors|nurses|employees|miners|staff)|"
                        r"picket\w*|riot\w*)\b", re.I)


# a stretch of time a count is told over ("the past three years", "recent weeks", "the first seven months of 2019")
SPAN_OF_TIME = re.compile(r"\b((past|last|recent|previous|next|following)\s+(\w+\s+)?(weeks|months|years|decades)|"
                          r"first\s+\w+\s+(weeks|months)\s+of)\b", re.I)
# a dateline: the place a report was filed from, at the start of a line ("NAIROBI (Reuters) -",
# "ADEN, March 12 (Reuters) -", "PORT-AU-PRINCE:", "Maputo —"), before the first sentence of the story
DATELINE_BEFORE = re.compile(r"(^|\n)[ \t]*(date:?\s+[\d-]+\s+)?$", re.I)
DATELINE_AFTER = re.compile(r"^(,\s*[A-Z][A-Za-z.'’ ]{1,30}?)?(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(,\s*\d{4})?)?\s*"
                            r"(\([^()\n]{1,30}\))?\s*([—–]|-{1,2}\s|:\s)")   # "KABUL, Afghanistan (AP) —"
# a village's name with the word that says so, run into the area it lies in ("Adadama Community of ...")
COMMUNITY_ENDING = re.compile(r" (community|village|town|settlement|hamlet)$")
# words that tell a new incident, not the one told before ("a second car bomb", "in a separate attack",
# "later on Friday, gunmen attacked...")
ANOTHER = re.compile(r"\b(a second|a third|another|a separate|in a separate|a further|a fresh|a new|"
                     r"(a|one|two|three|four|five|\d+|several) (days?|weeks?) (after|before)|"
                     r"later (on|that) (\w+day|day|night|morning|afternoon|evening))\b", re.I)
HABITUAL = re.compile(r"\b(every time|whenever|each time|usually|often|routinely|tend to|at times)\b", re.I)


ANAPHORIC_GROUP = re.compile(r"^(the|this|that|its)\s+((remaining|last|retreating|fleeing|surviving|suspected|"
                             r"terror|jihadist|militant|extremist|armed|insurgent|terrorist)\s+)*"
                             r"(group|militants|jihadists|terrorists|extremists|insurgents|organi[sz]ation)$", re.I)


LOWER_DIRECTION = re.compile(r"^(?:(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?|"
                             r"(?:north|south)-?(?:east|west)ern) (?=[A-Z])")


RELATIVE_DATE = re.compile(r"\b(yesterday|last night|(on )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                           r"(this|last|past|previous) (week|month|year)|weekend|"
                           r"(over |more than )?(\d+|a|an|one|two|three|"
                           r"four|five|six|seven|eight|nine|ten|several|a few) (days?|weeks?|months?|years?) "
                           r"(ago|back|earlier))\b", re.I)


UNOPPOSED = re.compile(r"\b(without (any |a )?(resistance|fight|fighting|a shot|battles?|clash(es)?|confrontations?)|unopposed|"
                       r"(not|no|never) (encounter|me|face)\w* (any )?resistance|(me[et]\w*|encounter\w*|fac\w*) (no|little) "
                       r"resistance)\b", re.I)


# a member of the forces harmed off duty, at home: ACLED counts them as civilians
OFF_DUTY = re.compile(r"\boff[- ]duty\b|\b(at|outside|near|in front of|left|leaving|leaves|returning to|returned to|"
                      r"return to) (his|her|their) (own )?(home|house|residence|homes|houses)\b", re.I)

# a riot of two sides that is no protest (ACLED's mob violence): communal, sectarian, between rival groups
COMMUNAL = re.compile(r"\b(communal|sectarian|inter-?communal|inter-?ethnic|inter-?religious|"
                      r"(between|from|of) (the )?(two|rival) (groups|communities|factions|sides|villages|clans|tribes)|"
                      r"rival (groups|communities|clans|mobs))\b", re.I)

# "the Mohan Talkies area of the town": a part of the town the report is about
OF_THE_TOWN = re.compile(r"^(\S+ ){0,2}(area|areas|locality|neighbou?rhood|quarter|part|parts) of the (town|city)\b")
