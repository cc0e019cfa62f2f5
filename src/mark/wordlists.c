/*
 * wordlists.c - the curated word lists behind the lexical rule families,
 * and the words that matter to verification (numbers, negations).
 *
 * Every list here is data only; the rules in src/mark/rules/ decide where
 * an entry may fire.  An entry is safe only if every variant reads the same as every
 * other in official English prose, in the direction(s) it may be used.
 * Nothing here may ever change a number, a name, a negation or a modal of
 * obligation ("shall", "must", "may", "will" never appear as variants).
 *
 * Synonym and variant groups are written "FLAGS:variant|variant|...".
 * Variant 0 is the form that triggers a one-way group; in a two-way group
 * every variant triggers.  Flags:
 *   >  one-way: only the first variant is ever replaced
 *   ^  only at the start of a sentence and followed by a comma
 *   s  only at the start of a sentence
 *   m  never at the start of a sentence
 *   ,  only after a comma or at the start of a sentence
 *   o  not followed by "of"
 *   v  not preceded by a determiner (keeps verbs from becoming adjectives)
 *   n  a spaced trigger must be followed by a lower-case word (compound
 *      adjectives, not noun phrases)
 *   d  only after a determiner (nouns such as "follow-up")
 *   h  only after has/have/had (past participles)
 *   c  "due to"-like: not after a money word, not before a verb
 *   a  not followed by "asked" ("frequently asked questions")
 *   D  followed by a number or a currency sign ("more than $150")
 *   P  not followed by a preposition or conjunction ("immediately after
 *      the meeting" has no "at once" form)
 *   W  not followed by "to" or "or" ("decide whether to", "whether or
 *      not" have no "if" form)
 *   E  followed by a punctuation mark or the end of the text ("no
 *      appointment is needed." but not "is required to attend")
 * A variant ending in '!' is British-only (dropped for a US document), one
 * ending in '~' American-only (dropped for a British one).
 */
#include <stddef.h>

#include "mark/wordlists.h"

/* ---------------------------------------------------------------------
 * Synonyms and phrase equivalents of official prose
 * ------------------------------------------------------------------- */

const char *const lt_wl_synonyms[] = {
	/* approximation */
	">:approximately|about|around|roughly",
	">:roughly|approximately|about",
	"=:nearly|almost",
	/* time */
	">:prior to|before",
	">:in advance of|before|prior to",
	">:subsequent to|after",
	">:subsequently|later|afterwards",
	">:commence|begin|start",
	">:commences|begins|starts",
	">:commenced|started",
	">:commencing|starting|beginning",
	">:commencement|start",
	">:begin|start",
	">:begins|starts",
	">:began|started",
	">:initiate|begin|start",
	">:initiated|started",
	">:terminate|end",
	">:termination|end",
	">:discontinue|stop|cease",
	">:currently|at present",
	"o=:at present|currently",
	">:at the present time|at present|currently",
	">o:at this stage|at present",
	">:in the near future|shortly|soon",
	">:shortly|soon",
	">:initially|at first",
	">:in the first instance|initially",
	">:in due course|at a later date",
	">:at a later date|later",
	">P:forthwith|immediately|at once",
	">P:immediately|at once",
	">P:without delay|immediately|promptly",
	">:promptly|swiftly",
	"=:rapidly|quickly|swiftly",
	">:until such time as|until",
	">:at all times|always",
	"=:over the past|over the last|during the past",
	"=:in the coming days|over the coming days|in the next few days",
	"=:in the coming weeks|over the coming weeks|in the next few weeks",
	"=:in the coming months|over the coming months|in the next few months",
	"=:every week|each week",
	"=:every month|each month",
	"=:every year|each year",
	"=:every day|each day",
	"=:regularly|on a regular basis",
	">:on a daily basis|daily|every day",
	">:on a weekly basis|weekly|every week",
	">:on a monthly basis|monthly|every month",
	">:in the course of|during",
	">:during the course of|during",
	/* purpose and cause */
	">:in order to|so as to|to",
	">:so as to|in order to|to",
	">:in order that|so that",
	">:with a view to|with the aim of",
	"c>:due to|owing to|because of",
	"c>:owing to|due to|because of",
	">:as a consequence of|as a result of|because of",
	">:as a result of|because of",
	">:in light of|in view of|given",
	">:in view of|in light of|given",
	">:in the event that|if",
	"=:despite|in spite of",
	">:although|though",
	/* reference */
	">:regarding|concerning|with regard to|about",
	">:concerning|regarding|with regard to|about",
	">:with regard to|regarding|concerning|about",
	">:with respect to|regarding|concerning|with regard to",
	">:in relation to|regarding|concerning|about",
	">:in respect of|regarding|concerning",
	">:as regards|regarding|concerning",
	"=:in this regard|in this respect",
	/* quantity */
	">:numerous|many|a large number of",
	">:a large number of|many|numerous",
	">:a number of|several",
	">:several|a number of",
	">:a small number of|a few",
	">:the majority of|most of",
	">:in excess of|more than",
	">:sufficient|enough",
	">:additional|further",
	">:an additional|another|a further",
	">:a further|another",
	">:a wide range of|a broad range of|a variety of",
	">:a range of|a variety of",
	/* degree */
	"=:significant|substantial|considerable",
	"=:significantly|substantially|considerably",
	"=:particularly|especially",
	">:entirely|completely|wholly",
	">:broadly|generally|largely",
	">:largely|mainly|mostly",
	">:mainly|chiefly|principally|primarily",
	">:main|principal",
	">:typically|usually|normally",
	"a>:frequently|often",
	/* verbs */
	">:assist|help",
	">:assists|helps",
	">:assisted|helped",
	">:assisting|helping",
	">:assistance|help",
	">:demonstrate|show",
	">:demonstrates|shows",
	">:demonstrating|showing",
	">:indicate|show",
	">:indicates|shows",
	">:indicating|showing",
	">:illustrate|show",
	/* "acquire" reads oddly with advice, approval or consent */
	">:obtain|get",
	">:obtains|gets",
	">:obtaining|getting",
	">:purchased|bought",
	">:purchasing|buying",
	">:to purchase|to buy",
	">:utilise|use",
	">:utilize|use",
	">:utilised|used",
	">:utilized|used",
	">:utilising|using",
	">:utilizing|using",
	">:utilisation|use",
	">:utilization|use",
	">:make use of|use",
	">:making use of|using",
	">:anticipate|expect",
	">:anticipates|expects",
	">:anticipated|expected",
	">:ascertain|establish|determine",
	">:implement|carry out",
	">:implements|carries out",
	">:implemented|carried out",
	">:implementing|carrying out",
	">:carry out|conduct|perform",
	">:carries out|conducts|performs",
	">:carried out|conducted|performed",
	">:carrying out|conducting|performing",
	">:deal with|handle",
	">:dealt with|handled",
	/* only before "that": "ensure the safety" is not "make sure the safety" */
	"=:ensure that|make sure that",
	"=:ensures that|makes sure that",
	"=:ensuring that|making sure that",
	"=:ensured that|made sure that",
	">:modify|change|alter",
	">:modified|changed|altered",
	">:modification|change|alteration",
	">:modifications|changes|alterations",
	">:retain|keep",
	">:retained|kept",
	">:retaining|keeping",
	">:transmit|send",
	">:transmitted|sent",
	">:expedite|speed up|accelerate",
	">:apprise|inform",
	">:enable|allow",
	">:enables|allows",
	">:give consideration to|consider",
	">v:stated|said",
	">:emphasised|stressed|underlined",
	">:emphasized|stressed|underlined",
	">:outlines|sets out|describes",
	">:located|situated",
	">:assess|evaluate",
	">:assessed|evaluated",
	">:assessing|evaluating",
	/* nouns and adjectives */
	">:individuals|people|persons",
	">:personnel|staff",
	">:remainder|rest",
	">:objectives|aims|goals",
	">:vital|essential|crucial",
	">:crucial|essential|vital",
	">:appropriate|suitable",
	">:relevant|applicable|pertinent",
	">:where necessary|where needed|where required",
	">:if necessary|if needed|if required",
	">:as necessary|as needed|as required",
	">:when necessary|when needed|when required",
	">:wherever possible|where possible",
	">:the manner in which|the way in which|how",
	">:the way in which|how",
	"=:together with|along with",
	">:in conjunction with|together with",
	">:with the exception of|except for|apart from",
	">:by means of|through|using",
	">:upon|on",
	"=:for example|for instance",
	">:it should be noted that|note that",
	/* connectives at the start of a sentence, with a comma */
	"^=:therefore|thus|consequently|accordingly",
	"m=:therefore|thus",
	"^=:in addition|additionally|furthermore|moreover",
	"^=:as a result|consequently|as a consequence",
	"^=:nevertheless|nonetheless",
	"^=:finally|lastly",
	"^=:first|firstly",
	"^=:second|secondly",
	"^=:third|thirdly",
	"^=:in summary|in short|in brief",
	"^=:in the meantime|meanwhile",
	"^=:to date|so far|thus far",
	"s>:following|after",
	"s>:further to|following",
	/* more verbs, nouns and phrases of official prose */
	">:examine|look at",
	">:examined|looked at",
	">:reduce|cut",
	">:reduction|cut",
	"d>:increase|rise",
	"d>:increases|rises",
	">:rose|increased",
	">:fell|dropped",
	">:inform|notify",
	">:informed|notified",
	">:attached|enclosed",
	"d>:purpose|aim",
	"d>:whole|entire",
	">:difficult|hard",
	"d>:further|additional",
	"on>:each|every",
	"on>:every|each",
	"=:members of staff|staff members",
	"=:a member of staff|a staff member",
	"=:the great majority of|the vast majority of",
	">:would like to|wish to",
	"=:in the light of|in light of",
	">:set out in|described in",
	">:with immediate effect|immediately",
	">:are requested to|are asked to",
	">:is requested to|is asked to",
	"=:uptake|take-up",
	"D>:more than|over",
	">:regarded as|considered",
	">:perform|carry out",
	">:introduce|bring in",
	">:lead to|result in",
	">:leads to|results in",
	">:led to|resulted in",
	">:strengthen|reinforce",
	">:reviewed|examined",
	/* approximation before a number ("around 150", "about 3.30 pm") */
	"D>:around|about|approximately|roughly",
	"D>:about|approximately|around|roughly",
	"D>:some|about|approximately|around",
	/* frequent phrases of notices, letters and circulars */
	"=:compared with|compared to",
	"=:for more information|for further information|for more details|for further details",
	"=:for further details|for more details|for more information|for further information",
	"=:any questions about|any queries about",
	"=:any questions regarding|any queries regarding",
	"=:speak to|talk to|speak with|talk with",
	"=:speaking to|talking to|speaking with|talking with",
	">:please contact|please get in touch with",
	">:let you know|inform you",
	"=:will take place|will be held",
	"=:to take place|to be held",
	"=:have taken place|have been held",
	"=:has taken place|has been held",
	">:take part in|participate in",
	">:takes part in|participates in",
	">:taking part in|participating in",
	">:took part in|participated in",
	"o>:in advance|beforehand",
	">:is asked to|is requested to",
	">:are asked to|are requested to",
	">:were asked to|were requested to",
	">:mandatory|compulsory",
	">:compulsory|mandatory",
	"a>:often|frequently",
	"=:usually|normally",
	"=:free of charge|at no charge|without charge",
	">:the rest of|the remainder of",
	">:observed that|noted that",
	">:extra|additional",
	"=:enquiries!|inquiries",
	"=:enquiry!|inquiry",
	">:in the event of|in case of",
	">:a great deal of|a lot of",
	">:in most cases|usually",
	">:as soon as possible|at the earliest opportunity|as early as possible",
	"=:at short notice|with little notice|with little warning",
	"=:on a case-by-case basis|case by case",
	">:be aware that|note that",
	">:across the country|nationwide",
	"=:throughout the year|all year round",
	"d>:largest|biggest",
	">:in total|altogether",
	">:more quickly|faster",
	"=:is responsible for|has responsibility for",
	"=:are responsible for|have responsibility for",
	"=:in writing|in written form",
	"=:the beginning of|the start of",
	/* telling and informing: only before "that", "about" or "if", where
	 * every form takes the same complement */
	"=:told us that|informed us that|notified us that",
	"=:told them that|informed them that|notified them that",
	"=:told you that|informed you that|notified you that",
	"=:tell us about|let us know about|inform us about",
	"=:tell us if|let us know if|inform us if",
	"=:tell us whether|let us know whether|inform us whether",
	"=:let us know|tell us",
	"=:on receipt of|upon receipt of",
	"c=:rather than|instead of",
	"=:regardless of|irrespective of",
	"o=:in the spring|in spring",
	"o=:in the summer|in summer",
	"o=:in the autumn|in autumn",
	"o=:in the winter|in winter",
	"m=:telephone|phone",
	"m=:telephoned|phoned",
	"^=:in general|generally|as a rule",
	"^=:in the past|previously",
	"^=:unfortunately|regrettably",
	/* comparisons before a number ("less than 150 euros") */
	"D>:less than|under|below",
	"D>:fewer than|under",
	"D>:in excess of|more than|over",
	/* while and whilst, among and amongst */
	",=:whilst!|while",
	/* pronouns of the same meaning */
	"=:everyone|everybody",
	"=:anyone|anybody",
	"=:someone|somebody",
	/* inability, the negation kept in every form */
	"=:is unable to|is not able to",
	"=:are unable to|are not able to",
	"=:am unable to|am not able to",
	"=:was unable to|was not able to",
	"=:were unable to|were not able to",
	"=:be unable to|not be able to",
	/* coming into force: only from "take" ("has come into effect" is a
	 * participle the base form cannot replace) */
	">:take effect|come into effect",
	">:takes effect|comes into effect",
	">:took effect|came into effect",
	">:taking effect|coming into effect",
	"=:into account|into consideration",
	"=:am pleased to|am happy to|am glad to",
	"=:are pleased to|are happy to|are glad to",
	"=:is pleased to|is happy to|is glad to",
	"=:wish to|want to",
	"=:wishes to|wants to",
	">:intend to|plan to",
	">:intends to|plans to",
	"d=:effect on|impact on",
	"d=:effects on|impacts on",
	"=:working days|business days",
	"=:working day|business day",
	/* needed and required only at the end of a clause ("is required to
	 * attend" is an obligation, "is needed to attend" is not) */
	"E=:is needed|is required",
	"E=:are needed|are required",
	"E=:was needed|was required",
	"E=:were needed|were required",
	"E=:if needed|if required",
	"E=:where needed|where required",
	"=:questions about|queries about",
	"=:without warning|with no warning",
	">:enhance|improve",
	">:enhanced|improved",
	">:enhancing|improving",
	"v>:increase the|raise the",
	"v>:increases the|raises the",
	"v>:increased the|raised the",
	"v>:increasing the|raising the",
	"=:inform you that|advise you that|tell you that",
	">:in addition to|as well as",
	">:whether or not|whether",
	">:make changes to|change",
	">:explains the|sets out the|describes the",
	">:sets out the|describes the",
	">:to contact|to get in touch with",
	">:should contact|should get in touch with",
	"=:short summary|brief summary",
	"=:the deadline for|the closing date for",
	/* "whether" after verbs of asking and checking, never before "to"
	 * or "or" ("decide whether to", "whether or not") */
	"W=:check whether|check if",
	"W=:checks whether|checks if",
	"W=:checked whether|checked if",
	"W=:ask whether|ask if",
	"W=:asked whether|asked if",
	"W=:decide whether|decide if",
	"W=:know whether|know if",
	"W=:see whether|see if",
	"W=:confirm whether|confirm if",
	"W=:find out whether|find out if",
	"W=:unsure whether|unsure if",
	"W=:not sure whether|not sure if",
	"=:attract a penalty|incur a penalty",
	"=:midday|noon",
	"=:a third of|one third of",
	"=:a quarter of|one quarter of",
	"=:two thirds of|two-thirds of",
	"E=:not required|not needed|not necessary",
	"=:been learned|been learnt!",
	/* no "more" variant: "nothing more than a delay" has no "further"
	 * form */
	"=:anything further|anything else",
	"=:nothing further|nothing else",
	">:prevent you from|stop you from",
	">:prevents you from|stops you from",
	">:prevent them from|stop them from",
	">:prevents them from|stops them from",
	">:be asked to|be requested to",
	"=:through the portal|via the portal",
	"=:through the student portal|via the student portal",
	"=:through the online|via the online",
	NULL
};

/* ---------------------------------------------------------------------
 * Hyphenation and compounding accepted both ways
 * ------------------------------------------------------------------- */

const char *const lt_wl_hyphens[] = {
	"n=:long-term|long term",
	"n=:short-term|short term",
	"n=:medium-term|medium term",
	"=:decision-making|decision making",
	"=:policy-making|policymaking|policy making",
	"=:decision-makers|decision makers",
	"=:policy-makers|policymakers|policy makers",
	"=:e-mail|email",
	"=:e-mails|emails",
	"=:co-operation|cooperation",
	"=:co-operate|cooperate",
	"=:co-ordinate|coordinate",
	"=:co-ordinated|coordinated",
	"=:co-ordinating|coordinating",
	"=:co-ordination|coordination",
	"=:co-ordinator|coordinator",
	"=:on-line|online",
	"=:well-being|wellbeing",
	"d>:follow-up|follow up",
	"=:front-line|frontline",
	"=:health care|healthcare|health-care",
	"n=:day-to-day|day to day",
	"=:non-compliance|noncompliance",
	"=:sub-committee|subcommittee",
	"=:counter-terrorism|counterterrorism",
	"=:life-cycle|lifecycle|life cycle",
	"=:on-site|onsite",
	"n=:year-end|year end",
	"d=:set-up|setup",
	"d=:start-up|startup",
	"d=:hand-over|handover",
	"d=:roll-out|rollout",
	"=:web site|website",
	"=:under way|underway",
	"=:nation-wide|nationwide",
	"=:world-wide|worldwide",
	"=:first-hand|firsthand",
	"=:time-frame|timeframe|time frame",
	"=:check-list|checklist",
	"=:book-keeping|bookkeeping",
	"=:re-open|reopen",
	"=:re-use|reuse",
	"n=:hard-copy|hard copy",
	"=:land-owners|landowners",
	"=:data set|dataset",
	"n=:full-time|full time",
	"n=:part-time|part time",
	"n=:high-level|high level",
	"n=:large-scale|large scale",
	"n=:small-scale|small scale",
	"n=:real-time|real time",
	"n=:well-established|well established",
	"n=:cost-effective|cost effective",
	"n=:evidence-based|evidence based",
	"n=:risk-based|risk based",
	"=:record-keeping|record keeping",
	"=:peace-keeping|peacekeeping",
	"n=:wide-ranging|wide ranging",
	"n=:far-reaching|far reaching",
	"n=:long-standing|longstanding|long standing",
	"=:on-going|ongoing",
	"n=:cross-government|cross government",
	"n=:inter-agency|interagency",
	"n=:multi-agency|multiagency",
	"=:sub-contractor|subcontractor",
	"=:sub-contractors|subcontractors",
	"=:socio-economic|socioeconomic",
	"=:stock-taking|stocktaking",
	"=:vice-chair|vice chair",
	"d=:stand-by|standby",
	"d=:back-up|backup",
	"d=:shut-down|shutdown",
	"d=:break-down|breakdown",
	"=:over-run|overrun",
	"=:under-spend|underspend",
	"=:over-spend|overspend",
	"=:work-force|workforce",
	"=:front line|frontline",
	"=:counter terrorism|counter-terrorism|counterterrorism",
	"=:cross-contamination|cross contamination",
	"n=:after-school|after school",
	"n=:in-person|in person",
	"n=:medium-sized|medium sized",
	"n=:small-sized|small sized",
	"n=:low-risk|low risk",
	"n=:high-risk|high risk",
	"n=:short-lived|short lived",
	"n=:long-distance|long distance",
	"n=:well-known|well known",
	"n=:open-ended|open ended",
	"n=:term-time|term time",
	"=:near miss|near-miss",
	"=:near misses|near-misses",
	"=:pass holder|pass-holder",
	"=:pass holders|pass-holders",
	"n=:end-of-life|end of life",
	"n=:park-and-ride|park and ride",
	"n=:high-visibility|high visibility",
	"=:helpline|help line|help-line",
	"=:in-patient|inpatient",
	"=:in-patients|inpatients",
	"=:out-patient|outpatient",
	"=:out-patients|outpatients",
	"=:cyber security|cybersecurity|cyber-security",
	"=:co-ordinated|coordinated",
	"=:re-opened|reopened",
	"=:re-opening|reopening",
	"=:re-assess|reassess",
	"=:re-assessed|reassessed",
	"=:pre-existing|preexisting",
	"=:non-emergency|nonemergency",
	"n=:one-off|one off",
	"n=:face-to-face|face to face",
	"n=:in-house|in house",
	"n=:up-to-date|up to date",
	"n=:first-aid|first aid",
	"n=:follow-up|follow up",
	"d=:sign-off|signoff",
	"d=:cut-off|cutoff",
	"d=:call-out|callout",
	"d=:drop-off|dropoff",
	"d=:pick-up|pickup",
	"d=:log-in|login",
	"=:workplace|work place",
	"=:workplaces|work places",
	"=:timescale|time scale",
	"=:timescales|time scales",
	"=:database|data base",
	"=:databases|data bases",
	"=:spreadsheet|spread sheet",
	"=:ticket office|ticket-office",
	"=:car park|car-park",
	"=:car parks|car-parks",
	"=:lifesaving|life-saving",
	"=:ongoing|on-going",
	"=:payroll|pay roll",
	"=:wildlife|wild life",
	"=:breakdown|break-down",
	"=:overtime|over-time",
	"=:helpdesk|help desk|help-desk",
	"=:timetable|time-table",
	"=:timetables|time-tables",
	NULL
};

/* ---------------------------------------------------------------------
 * Spellings accepted by both British and American house styles (or
 * marked as British-only/American-only)
 * ------------------------------------------------------------------- */

const char *const lt_wl_spelling[] = {
	"=:judgment|judgement!",
	"=:judgments|judgements!",
	"=:toward~|towards",
	"=:afterward~|afterwards",
	"=:acknowledgment|acknowledgement",
	"=:acknowledgments|acknowledgements",
	">:amongst!|among",
	">:focussed!|focused",
	">:focussing!|focusing",
	"h=:learned|learnt!",
	"h=:spelled|spelt!",
	">:despatch!|dispatch",
	">:despatched!|dispatched",
	">:benefitted|benefited",
	">:orientated!|oriented",
	"=:adviser|advisor",
	"=:advisers|advisors",
	"=:memoranda|memorandums",
	">:appendixes|appendices",
	">:fora|forums",
	">:referenda|referendums",
	NULL
};

/* ---------------------------------------------------------------------
 * Coordinated pairs whose order carries no meaning ("a|b" = "a and b")
 * ------------------------------------------------------------------- */

const char *const lt_wl_pairs[] = {
	"safety|security", "policies|procedures", "rules|procedures",
	"plans|procedures", "roles|responsibilities", "monitoring|evaluation",
	"monitoring|reporting", "efficiency|effectiveness",
	"accuracy|completeness", "knowledge|skills", "skills|experience",
	"training|guidance", "staff|budgets", "staff|contractors",
	"customers|suppliers", "civilian|military", "public|private",
	"local|national", "regional|national", "national|international",
	"legal|regulatory", "technical|financial", "human|financial",
	"time|cost", "risks|benefits", "costs|benefits",
	"strengths|weaknesses", "challenges|opportunities",
	"quality|safety", "transparency|accountability",
	"integrity|independence", "clear|concise", "fair|transparent",
	"timely|accurate", "consistent|fair", "reasonable|proportionate",
	"effective|efficient", "clear|simple", "formal|informal",
	"internal|external", "physical|mental", "social|economic",
	"environmental|social", "political|economic", "men|women",
	"employees|contractors", "managers|staff", "staff|volunteers",
	"buildings|equipment", "vehicles|equipment", "fuel|ammunition",
	"cost|quality", "schools|hospitals", "suppliers|contractors",
	"openness|transparency", "planning|preparation", "rights|duties",
	"clinics|pharmacies", "budgets|resources", "partners|stakeholders",
	"guidance|support", "advice|guidance", "advice|support",
	"checks|controls", "systems|processes", "processes|procedures",
	"cost|timetable", "outcomes|risks", "beds|staff",
	"journalists|media", "visitors|contractors", "records|registers",
	"commercial|technical", "departments|agencies", "academics|researchers",
	"charities|community groups", "residents|businesses",
	"patients|visitors", "patients|carers", "customers|staff",
	NULL
};

/* ---------------------------------------------------------------------
 * Introductory phrases after which a comma is optional
 * ------------------------------------------------------------------- */

const char *const lt_wl_intro[] = {
	"in addition", "as a result", "at present", "to date", "in practice",
	"for this reason", "for these reasons", "in the meantime",
	"last year", "this year", "next year", "last month", "this month",
	"next month", "last week", "this week", "next week",
	"in particular", "in general", "in recent years", "in recent months",
	"at this stage", "in this regard", "in this case", "in most cases",
	"in some cases", "in many cases", "in the past", "in the long term",
	"in the short term", "in principle", "in response", "on balance",
	"on this basis", "on that basis", "to this end", "to that end",
	"at the same time", "by contrast", "in contrast", "as a rule",
	"as a first step", "at this point", "since then", "until then",
	"by then", "so far", "at that time", "where possible",
	"if necessary", "if possible", "where necessary", "in summary",
	"in short", "in brief", "in conclusion", "above all", "on the whole",
	"as a consequence", "as a precaution", "for the time being",
	"in the interim", "overall", "currently", "finally", "initially",
	"subsequently", "additionally", "consequently", "accordingly",
	"therefore", "furthermore", "moreover", "meanwhile", "similarly",
	"likewise", "nevertheless", "nonetheless", "firstly", "secondly",
	"thirdly", "importantly", "unfortunately", "fortunately",
	"ultimately", "recently", "traditionally", "historically", "today",
	"at present", "in future", "in the future", "to begin with",
	"in the first instance", "for example", "for instance",
	"of course", "as a matter of priority", "in the coming weeks",
	"in the coming months", "over the past year", "last autumn",
	"last spring", "last summer", "last winter",
	NULL
};

/* ---------------------------------------------------------------------
 * Nouns naming an institution, capitalised or not after "the"
 * ------------------------------------------------------------------- */

const char *const lt_wl_institutions[] = {
	"department", "ministry", "agency", "committee", "government",
	"directorate", "board", "office", "director", "secretary",
	"commissioner", "auditor", "inspector", "registrar", "treasurer",
	"chair", "commander", "controller", "adviser", "advisor", "council", "commission",
	"authority", "division", "unit", "branch", "minister", "service",
	"bureau", "cabinet", "parliament", "secretariat", "inspectorate",
	"tribunal", "executive", "administration", "company", "group",
	"organisation", "organization", "programme", "program", "team",
	"centre", "center", "command", "headquarters", "treasury",
	"regulator", "panel", "working group", "task force", "embassy",
	"consulate", "district", "county", "court", "ombudsman",
	"inspector", "headteacher", "governor", "university", "college",
	"registry", "foundation", "hospital", "institute", "faculty",
	"association", "library",
	NULL
};

/* ---------------------------------------------------------------------
 * Verbs after which "that" introducing a clause is optional
 * ------------------------------------------------------------------- */

const char *const lt_wl_report_verbs[] = {
	"stated", "said", "says", "noted", "notes", "found", "finds",
	"indicated", "indicates", "believe", "believes", "believed",
	"concluded", "concludes", "considers", "consider", "considered",
	"recognises", "recognizes", "recognise", "recognize", "reported",
	"reports", "confirmed", "confirms", "confirm", "agreed", "agree",
	"announced", "explained", "emphasised", "emphasized", "expects",
	"expect", "expected", "understands", "understand", "understood",
	"think", "thinks", "feel", "feels", "suggests", "suggested",
	"shows", "showed", "shown", "estimated", "estimates", "ensure",
	"ensures", "ensuring", "assume", "assumes", "assumed", "accept",
	"accepts", "accepted", "acknowledge", "acknowledges",
	"acknowledged", "argue", "argues", "argued", "claim", "claims",
	"claimed", "hope", "hopes", "know", "knows", "learned", "mentioned",
	"observed", "predicted", "recalled", "remarked", "reported",
	"revealed", "stressed", "warned", "anticipated", "anticipates",
	"demonstrates", "demonstrated", "indicate", "note", "recommend",
	"noticed", "realised", "realized", "judged", "judges", "felt",
	"reminded", "satisfied", "aware", "confident", "sure", "means",
	"meant", "recognised", "recognized", "clear", "evident",
	"apparent", "certain", "hoped", "agrees", "ensured", "recommend",
	"recommends", "recommended", "suspect", "suspects", "suspected",
	"doubt", "fear", "feared", "fears", "insist",
	"insisted", "trust",
	NULL
};

/* ---------------------------------------------------------------------
 * Words that open a clause (determiners and pronouns)
 * ------------------------------------------------------------------- */

const char *const lt_wl_clause_starters[] = {
	"the", "a", "an", "this", "these", "those", "it", "its", "they",
	"their", "we", "our", "there", "he", "she", "his", "her", "you",
	"your", "all", "each", "every", "some", "many", "most", "any",
	"such", "both", "several", "one", "two", "three", "four", "five",
	"six", "seven", "eight", "nine", "ten", "i", "staff", "further",
	"additional", "sufficient", "only", "more", "fewer", "less",
	NULL
};

/* ---------------------------------------------------------------------
 * House-style markers: British and American spellings
 * ------------------------------------------------------------------- */

const char *const lt_wl_style_uk[] = {
	"organisation", "organisations", "recognise", "recognises",
	"recognised", "emphasise", "emphasised", "prioritise", "summarise",
	"summarises", "authorise", "authorised", "authorisation",
	"programme", "programmes", "defence", "colour", "centre", "centres",
	"favour", "behaviour", "labour", "licence", "licences", "travelled",
	"cancelled", "fulfil", "catalogue", "analyse", "realise",
	"realised", "minimise", "maximise", "utilise", "criticise",
	"specialise", "standardise", "finalise", "mobilise", "modernise",
	"characterise", "categorise", "optimise", "organised", "apologise",
	"whilst", "amongst", "despatch", "honour", "neighbouring",
	"neighbour", "rumour", "harbour", "enrolment", "offence", "grey",
	NULL
};

const char *const lt_wl_style_us[] = {
	"organization", "organizations", "recognize", "recognizes",
	"recognized", "emphasize", "emphasized", "prioritize", "summarize",
	"summarizes", "authorize", "authorized", "authorization", "defense",
	"color", "center", "centers", "favor", "behavior", "labor",
	"traveled", "canceled", "fulfill", "catalog", "analyze", "realize",
	"realized", "minimize", "maximize", "utilize", "criticize",
	"specialize", "standardize", "finalize", "mobilize", "modernize",
	"characterize", "categorize", "optimize", "organized", "apologize",
	"honor", "neighboring", "neighbor", "rumor", "harbor", "enrollment",
	"offense", "gray",
	NULL
};

/* ---------------------------------------------------------------------
 * Words that matter: numbers, negations, dates
 * ------------------------------------------------------------------- */

const char *const lt_wl_number_units[20] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
};

const char *const lt_wl_number_tens[10] = {
	"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety"
};

/* The negations a change of wording must never add or remove.  The rule
 * families keep narrower lists of their own where a word blocks a slot
 * ("it is not"), each fitted to its context. */
const char *const lt_wl_negations[] = {
	"not", "no", "never", "none", "nor", "neither", "nobody",
	"nothing", "nowhere", "without", "cannot", "unless", NULL
};

/* Months first (index 0..11), then weekdays. */
const char *const lt_wl_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	NULL
};

/* ---------------------------------------------------------------------
 * Register: lower-case words that mark legal or regulatory text (one
 * kind each; mark/style.c counts the kinds a text shows)
 * ------------------------------------------------------------------- */

const char *const lt_wl_legal[] = {
	"shall", "pursuant", "hereby", "herein", "hereof", "thereof",
	"hereto", "hereunder", "thereunder", "notwithstanding", "whereas",
	"plaintiff", "plaintiffs", "defendant", "defendants", "petitioner",
	"petitioners", "respondent", "respondents", "appellant", "appellee",
	"indictment", "indicted", "statute", "statutes", "statutory",
	"subsection", "jurisdiction", "sanctions", "judgment", "judgement",
	"enacted", "enactment", "unlawful", "lawful", "infringement",
	"antitrust", "protest", "protester", "solicitation", "adjudication",
	"tribunal", "court", "legislation", "liable", "liability",
	"charged", "convicted", "sentenced", "directive", "compliance",
	"regulation", "regulations", "obligations", "provisions", "law",
	"laws", "legal", "legality", "legally", "binding", "breach",
	"crime", "crimes", "enforcement", "prohibition", "mandatory",
	"prosecution", "prosecutors", "offences", "offenses", "treaty", NULL
};

/* ---------------------------------------------------------------------
 * Adjectives (the adjective-order family): what looks like one by its
 * ending or is one by the list, and those whose order can carry meaning
 * (sequence, rank, scale, time, number, place) or that are not
 * adjectives at all
 * ------------------------------------------------------------------- */

const char *const lt_wl_adjective_suffixes[] = {
	"al", "ive", "ous", "ful", "ent", "ant", "able", "ible", "ic",
	"less", "ary", "ory", "ate", NULL
};

const char *const lt_wl_adjectives[] = {
	"full", "fair", "safe", "clear", "open", "strong", "free",
	"timely", "robust", "secure", "simple", "diverse", "accurate",
	"complete", "thorough", "prompt", "honest", "fit", "sound",
	"firm", "calm", "healthy", "friendly", "transparent",
	"accessible", "inclusive", "unimpeded", "comprehensive",
	"credible", "reliable", "proper", "just", "prosperous",
	"democratic", "stable", NULL
};

const char *const lt_wl_ordered_adjectives[] = {
	"first", "final", "initial", "original", "previous", "annual",
	"federal", "local", "national", "international", "regional",
	"general", "total", "several", "present", "current", "recent",
	"principal", "central", "internal", "external", "additional",
	"potential", "individual", "personal", "official", "special",
	"legal", "criminal", "civil", "political", "royal", "capital",
	"rural", "urban", "primary", "secondary", "tertiary",
	"temporary", "permanent", "necessary", "ordinary", "private",
	"separate", "ultimate", "immediate", "intermediate",
	"appropriate", "subsequent", "consequent", "different",
	"percent", "equivalent", "payment", "statement", "agent",
	"student", "client", "patient", "parent", "resident",
	"president", "government", "department", "management",
	"investment", "employment", "equipment", "environment",
	"document", "element", "event", "content", "extent", "talent",
	"grant", "tenant", "applicant", "participant", "consultant",
	"assistant", "merchant", "restaurant", "accountant", "plant",
	"plan", "proposal", "approval", "arrival", "removal",
	"renewal", "referral", "trial", "material", "animal",
	"hospital", "portal", "signal", "terminal", "rental",
	"journal", "manual", "total", "metal", "traffic", "public",
	"topic", "clinic", "republic", "music", "logic", "graphic",
	"summary", "salary", "library", "secretary", "boundary",
	"category", "history", "directory", "inventory", "territory",
	"factory", "theory", "memory", "victory", "estate", "state",
	"rate", "date", "update", "climate", "debate", "senate",
	"candidate", "certificate", "mandate", "template", "private",
	"advocate", "delegate", "graduate", "associate", "corporate",
	"affiliate", "estimate", "senior", "junior", "major", "minor",
	"male", "female", "adult", "daily", "weekly", "monthly",
	"quarterly", "yearly", "early", "late", "later", "last",
	NULL
};
