"""Bengali and Bengali-English read as the rule parser's English: any script's digits, number words, টাকা, "ei mashe"."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from core.nlu.gates import gated
from core.nlu.number_words import in_digits

# Every decimal digit outside ASCII (Bengali ৩, Devanagari ३, Arabic-Indic ٣, fullwidth ３ …) as its ASCII digit.
DIGITS = {cp: str(unicodedata.decimal(chr(cp))) for cp in range(0x80, 0x20000)
          if unicodedata.category(chr(cp)) == "Nd"}
# Bengali script words, longest first; Bengali vowel signs are not \w, so these are matched without \b.
SCRIPT_WORDS = {
    "টাকার": " taka ", "টাকা": " taka ", "ব্যালেন্স": " balance ", "ব্যালান্স": " balance ", "বিল": " bill ",
    "মিটার": " meter ", "রিচার্জ": " recharge ", "গ্রাহক": " customer ", "বকেয়া": " baki ", "বাকি": " baki ",
    "কত": " koto ", "খরচ": " khoroch ", "এই মাসে": " this month ", "গত মাসে": " last month ", "গতকাল": " yesterday ",
    "এই সপ্তাহে": " this week ", "গত সপ্তাহে": " last week ", "এই বছর": " this year ", "গত বছর": " last year ",
    "আজকে": " today ", "আজ": " today ", "দিলাম": " dilam ", "করলাম": " korlam ", "কিনলাম": " kinlam ",
    "পেলাম": " pelam ",
    "ফেরত": " ferot ", "দিয়েছে": " diyeche ", "দিলো": " dilo ", "আয়": " income ", "আয়ের": " income er ",
    "এর": " er ", "কাছে": " kache ",
    "পাই": " pai ",
    "রিকশা": " rickshaw ", "বাজার": " bazar ", "খাবার": " food ", "বাড়ি ভাড়া": " rent ", "ভাড়া": " fare ",
    # the words questions about one's records turn on (`bengali_questions`), each read as a word (WHOLE_WORDS, NOUNS)
    "বাজেট": " budget ", "শেষ": " shesh ", "এন্ট্রি": " entry ", "দেখাও": " dekhao ", "কবে": " kobe ", "যোগ": " jog ",
    "করা": " kora ", "হয়েছে": " hoyeche ", "হলো": " holo ", "গেছে": " geche ", "গুলো": " gulo ", "ছাড়িয়ে": " par ",
    "হিসাব": " hisab ", "কি": " ki ", "টা": " ta ", "দাম": " dam ", "আজকের": " today's ", "কোনটা": " kon ta ",
    "মিটিয়ে": " mitiye ", "বাজেটের": " budget er ", "হিসাবের": " hisab er ",
    # operations: "কোন ব্যাচ আটকে আছে", "রিকানেক্ট পেন্ডিং কত", "চলমান অ্যালার্ট গুলো দেখাও", "জবটা আবার চালাও"
    "ব্যাচ": " batch ", "স্ট্যাটাস": " status ", "আটকে": " atke ", "রিকানেক্ট": " reconnect ",
    "ডিসকানেক্ট": " disconnect ", "পেন্ডিং": " pending ", "এনওসিএস": " nocs ", "অ্যালার্ট": " alert ", "জব": " job ",
    "জবটা": " job ta ", "জবগুলো": " job gulo ", "ব্যাচের": " batch er ", "ব্যাচটা": " batch ta ",
    "ব্যাচগুলো": " batch gulo ", "থেকে": " theke ", "দোকান": " dokan ", "দোকানে": " dokan e ", "দোকানের": " dokan er ",
    # money to come ("কাল রহিমকে ৫০০ টাকা দিবো") and money given to the sender ("আব্বু আমাকে ২০০০ টাকা দিয়েছে")
    "দিবো": " dibo ", "দিব": " dibo ", "দেবো": " debo ", "দিবে": " dibe ", "দেবে": " dibe ",
    "করবো": " korbo ", "করব": " korbo ", "কিনবো": " kinbo ", "পাঠাবো": " pathabo ", "লাগবে": " lagbe ",
    "আমাকে": " amake ", "ধার": " dhar ", "শোধ": " shodh ", "করিনি": " korini ", "হয়নি": " hoyni ",
    "নাই": " nai ", "করি": " kori ", "না": " na ", "পরিমাণ": " amount ", "হবে": " hobe ", "পাঠালো": " pathalo ",
    "পাঠিয়েছে": " pathiyeche ",
    "বিক্রি": " bikri ", "মা": " ma ", "বাবা": " baba ", "আব্বু": " abbu ", "আম্মু": " ammu ", "আপু": " apu ",
    "ভাইয়া": " bhaiya ", "এলার্ট": " alert ", "খোলা": " khola ", "আছে": " ache ",
    # a utility's staff: "এই একাউন্টটা দেখেন", "আজকে ডিসকানেকশন কতগুলা হয়েছে", "২২ নং অ্যালার্ট রিজলভ করো"
    "একাউন্ট": " account ", "অ্যাকাউন্ট": " account ", "দেখেন": " dekhen ", "দেখুন": " dekhun ",
    "ডিসকানেকশন": " disconnection ", "রিকানেকশন": " reconnection ", "কতগুলা": " kotogula ", "কতগুলো": " kotogula ",
    "নং": " no ", "রিজলভ": " resolve ", "বট": " bot ", "কী": " ki ", "করতে": " korte ", "পারে": " pare ",
    "পারো": " paro ",
    "চালাও": " chalao ", "বন্ধ": " bondho ", "করো": " koro ", "চলমান": " cholman ", "আবার": " abar ",
    # a desk's alert and batch words: "সব আরসিডিসি এলার্ট একনলেজ করো", "৭ নম্বর এলার্ট এক ঘণ্টার জন্য স্নুজ করো",
    # "ব্যাচ এলার্ট সাবস্ক্রাইব করো", "BMHHS এখনো চলছে?", "রাতের ব্যাচগুলোর অবস্থা কি"
    "আরসিডিসি": " rcdc ", "একনলেজ": " acknowledge ", "স্বীকার": " acknowledge ", "সাবস্ক্রাইব": " subscribe ",
    "আনসাবস্ক্রাইব": " unsubscribe ", "স্নুজ": " snooze ", "মিউট": " mute ", "চলছে": " cholche ", "এখনো": " ekhono ",
    "ঘণ্টার": " ghontar ", "ঘন্টার": " ghontar ", "জন্য": " jonno ", "নম্বর": " nombor ", "অবস্থা": " obostha ",
    "ব্যাচগুলোর": " batch gulor ", "টিকেট": " ticket ", "সব": " sob ", "এক ঘণ্টার": " ek ghontar ",
    "এক ঘন্টার": " ek ghontar ", "ঘণ্টা": " ghonta ", "ঘন্টা": " ghonta ", "পরিমাণটা": " amount ta ",
    "এই মাসের": " this month's ", "গত মাসের": " last month's ", "এই সপ্তাহের": " this week's ",
    "গত সপ্তাহের": " last week's ", "এই বছরের": " this year's ", "গত বছরের": " last year's ",
    "মাসে": " mashe ", "মাসের": " maser ", "সপ্তাহে": " soptahe ", "সপ্তাহের": " soptaher ", "দিনে": " dine ",
    "দিনের": " diner ", "বছরে": " bochore ", "বছরের": " bochorer ", "ধরো": " dhoro ", "বিদ্যুৎ": " electricity ",
    "বিলের": " bill er ", "বিলে": " bill e ", "ফাইল": " file ", "সতর্কবার্তা": " alert ",
    "গত": " goto ", "সাথে": " sathe ", "করে": " kore ", "দিয়েছি": " diyechi ", "তারিখ": " tarikh ",
    "পর্যন্ত": " porjonto ", "মিটে": " mite ", "দেনা-পাওনা": " dena paona ", "দেনাপাওনা": " dena paona ",
    "ফেলেছি": " felechi ", "ফেললাম": " fellam ", "ফেলবো": " felbo ", "ফেলব": " felbo ", "ধারের": " dhar er ",
    "মে মাসে": " in may ", "মে মাসের": " in may er ", "একটা একটা করে": " ekta ekta kore ", "পেয়েছি": " peyechi ",
    "তারিখটা": " tarikh ta ", "লিখবো": " likhbo ", "লিখব": " likhbo ", "আমার": " amar ",
    # a desk's words again: "এটা আপাতত আধা ঘণ্টা চুপ রাখো", "২২ নম্বর অ্যালার্ট সমাধান করো", "C1-BLPRD এখনই রিরান করুন",
    # "এনওসিএস অ্যালার্ট এখানে পাঠাও", "সিস্টেম অ্যালার্ট এই গ্রুপ থেকে বন্ধ করো", "কাস্টমার ৮৮৩৪০০১২ অভিযোগ করেছে"
    "আধা ঘণ্টা": " half an hour ", "আধা ঘন্টা": " half an hour ", "চুপ": " chup ", "রাখো": " rakho ",
    "সমাধান": " resolve ", "অ্যাক": " ack ", "রিরান": " rerun ", "করুন": " korun ", "এখনই": " ekhoni ",
    "এখানে": " ekhane ", "পাঠাও": " pathau ", "সিস্টেম": " system ", "গ্রুপ": " group ", "চ্যাটে": " chat e ",
    "চাই": " chai ", "কাস্টমার": " customer ", "ফেইল": " fail ", "লক্ষ্যমাত্রা": " target ", "বলছেন": " bolchen ",
    "তিনি": " tini ", "করেছেন": " korechen ",
    # "রাতে ৫০০ টাকা দিয়ে দেব" (not "দেব" alone: a name too, "দেব ৫০০ টাকা দিলো"), "৪৫০০ কে ৩ দিয়ে ভাগ করলে কত",
    # "শেষ এন্ট্রিটা মুছে দাও", "বট দিয়ে কী কী করা যায়", "শেষেরটা ৮০০ না, ৬০০ হবে"
    "দিয়ে দেব": " diye debo ", "দিয়ে": " diye ", "ভাগ": " bhag ", "গুণ": " gun ", "করলে": " korle ", "মুছে": " muche ",
    "দাও": " dao ", "যায়": " jay ", "শেষেরটা": " shesher ta ",
    # "ওটা ১২০০ না, ১৩০০ হবে": that one was not 1200, it is 1300
    "ওটা": " ota ", "এটা": " eta ", "ওইটা": " oita ", "এইটা": " eita "}
# Each a word of its own, not a piece of another ("কি" of "কিছু" or "হকি", "টা" of "আটা", "দাম" of "বাদাম"): a
# Bengali letter may neither precede nor follow it. "টা" after a digit counts ("১০টা": "10 ta").
WHOLE_WORDS = frozenset({"ওটা", "এটা", "ওইটা", "এইটা", "দিয়ে দেব", "দিয়ে", "ভাগ", "গুণ", "করলে", "মুছে", "দাও", "যায়", "শেষেরটা",
                         "শেষ", "দেখাও", "কবে", "যোগ", "করা", "হয়েছে", "হলো", "গেছে", "গুলো", "ছাড়িয়ে", "কি",
                         "টা", "দাম", "আজকের", "কোনটা", "মিটিয়ে", "বাজেটের", "হিসাবের", "আয়", "আয়ের", "দিলো",
                         "দিয়েছে", "চালাও", "বন্ধ", "করো", "চলমান", "আবার", "ব্যাচ", "ব্যাচের", "জব", "জবটা",
                         "ফেরত", "জবগুলো", "ব্যাচটা", "ব্যাচগুলো", "দোকান", "দোকানে", "দোকানের", "থেকে", "দিবো",
                         "দিব", "দেবো", "দিবে", "দেবে", "করবো", "করব", "কিনবো", "পাঠাবো", "লাগবে", "আমাকে", "ধার",
                         "শোধ", "করিনি", "হয়নি", "নাই", "করি", "না", "পাঠালো", "পরিমাণ", "হবে", "পাঠিয়েছে", "বিক্রি",
                         "মা", "বাবা", "আব্বু", "আম্মু", "আপু", "ভাইয়া", "খোলা", "আছে", "দেখেন", "দেখুন", "কতগুলা",
                         "কতগুলো", "নং", "রিজলভ", "বট", "কী", "করতে", "পারে", "পারো", "আরসিডিসি", "একনলেজ",
                         "স্বীকার", "সাবস্ক্রাইব", "আনসাবস্ক্রাইব", "স্নুজ", "মিউট", "চলছে", "এখনো", "ঘণ্টার", "ঘন্টার",
                         "জন্য", "নম্বর", "অবস্থা", "ব্যাচগুলোর", "টিকেট", "সব", "এক ঘণ্টার", "এক ঘন্টার", "ঘণ্টা",
                         "ঘন্টা", "পরিমাণটা", "মাসে", "মাসের", "সপ্তাহে", "সপ্তাহের", "দিনে", "দিনের", "বছরে", "বছরের",
                         "ধরো", "বিদ্যুৎ", "বিলের", "বিলে", "গত", "সাথে", "করে",
                         "দিয়েছি", "তারিখ", "পর্যন্ত", "মিটে", "দেনা-পাওনা", "দেনাপাওনা", "ফেলেছি", "ফেললাম", "ফেলবো", "ফেলব",
                         "ধারের", "মে মাসে", "মে মাসের", "একটা একটা করে", "পেয়েছি",
                         "তারিখটা", "লিখবো", "লিখব", "আমার", "আধা ঘণ্টা", "আধা ঘন্টা", "চুপ", "রাখো", "সমাধান",
                         "অ্যাক", "রিরান", "করুন", "এখনই", "এখানে", "পাঠাও", "সিস্টেম", "গ্রুপ", "চ্যাটে", "চাই",
                         "কাস্টমার", "ফেইল", "লক্ষ্যমাত্রা", "বলছেন", "তিনি", "করেছেন"})
# Nouns that take their endings ("বাজেটে", "হিসাবটা", "এন্ট্রিগুলো"): only a word's start is checked.
NOUNS = frozenset({"বাজেট", "হিসাব", "এন্ট্রি", "অ্যালার্ট", "এলার্ট", "একাউন্ট", "অ্যাকাউন্ট", "ডিসকানেকশন",
                   "রিকানেকশন", "ফাইল", "সতর্কবার্তা"})
# the months by their English names, as Bengali writes them, whole words with their endings ("মার্চ মাসের খরচ",
# "ফেব্রুয়ারির আয়", "জানুয়ারিতে"; not the "জুন" of "জুনায়েদ" nor the "মার্চ" of "মার্চেন্ট")
MONTH_NAMES = {"জানুয়ারি": "january", "জানুয়ারী": "january", "ফেব্রুয়ারি": "february", "ফেব্রুয়ারী": "february",
               "মার্চ": "march", "এপ্রিল": "april", "জুন": "june", "জুলাই": "july", "আগস্ট": "august",
               "আগষ্ট": "august", "সেপ্টেম্বর": "september", "অক্টোবর": "october", "নভেম্বর": "november",
               "ডিসেম্বর": "december"}
MONTH_ENDINGS = ("", "ের", "র", "ে", "তে", "য়ের", "য়ে", "এর", "এ")
MONTH_FORMS = {name + ending: f" {latin} " for name, latin in MONTH_NAMES.items() for ending in MONTH_ENDINGS}
# more whole words, each kept once for both tables: a budget's period ("দৈনিক", "বাৎসরিক"), a floor, a room, money
# heard of ("নাকি", "শুনলাম"), a group's topics, a cricket score's runs, sacks, a file's kind
WHOLE_WORD_FORMS = {
    # relatives, as income.FAMILY names them ("খালু বিয়ের জন্য ৫০ হাজার টাকা দিলেন"; not "নানা", also "various")
    "খালু": " khalu ", "খালা": " khala ", "মামা": " mama ", "মামী": " mami ", "মামি": " mami ", "চাচা": " chacha ",
    "চাচী": " chachi ", "চাচি": " chachi ", "ফুপি": " fupi ", "ফুফু": " fupi ", "নানী": " nani ", "নানি": " nani ",
    "দাদা": " dada ", "দাদী": " dadi ", "দাদি": " dadi ",
    # a job asked to run again, politely (not "চালান" alone, also a consignment's invoice); the RC/DC queue
    "আবার চালান": " abar chalan ", "আরসি ডিসি": " rcdc ", "কিউ": " queue ", "কাল সকাল": " kal sokal ",
    "আগেরটা": " ager ta ", "ফেলো": " felo ",  # "আগেরটা মুছে ফেলো": delete the last one
    "প্রতিদিন": " protidin ", "দৈনিক": " doinik ", "সাপ্তাহিক": " saptahik ", "মাসিক": " masik ", "বার্ষিক": " barshik ",
    "বাৎসরিক": " batsorik ", "নাকি": " naki ", "কিনেছে": " kineche ", "তলায়": " tolay ", "তলা": " tola ", "রুম": " room ",
    "পিস": " piece ",
    "চালু": " chalu ", "কতদূর": " koto dur ", "দেখো": " dekho ", "শুভ রাত্রি": " good night ", "ঠিক আছে": " thik ache ",
    "দিও": " dio ", "আর": " ar ", "জমা": " jama ", "কাউন্টারে": " counter e ",
    "গ্রুপে": " group e ", "এই গ্রুপে": " ei group e ", "এই চ্যাটে": " ei chat e ", "কেজি": " kg ", "পিডিএফ": " pdf ",
    "শুনলাম": " shunlam ", "রান করছে": " run korche ", "রান করেছে": " run koreche ", "বস্তা": " bosta ",
    # spoken forms of getting and sending ("ঈদ বোনাস পাইছি ৮০০০ টাকা", "আব্বু ১০০০০ টাকা পাঠাইছে বিকাশে")
    "পাইছি": " paisi ", "পাইলাম": " pailam ", "পাইছে": " paise ", "পাঠাইছে": " pathaise ", "পাঠাইছি": " pathaisi ",
    "পাঠাইলাম": " pathailam ", "ইউনিট": " unit ", "রিডিং": " reading ", "বকেয়া": " bokeya ",
    "কিভাবে": " kivabe ", "কীভাবে": " kivabe ", "রানে": " run e ", "রানের": " run er ", "আইডি": " id ",
    "শুভ সকাল": " good morning ", "চাইছে": " chaise ", "ফোন": " phone ", "দিয়েছেন": " diyechen ", "কেউ": " keu ",
    "জানেন": " janen ", "লাস্ট": " last ", "পেমেন্ট": " payment ",
    # "কর" alone is also a tax: only these two commands ("এই চ্যাটে ব্যাচ অ্যালার্ট চালু কর")
    "চালু কর": " chalu koro ", "বন্ধ কর": " bondho koro ", "ভুল": " bhul ", "হইছে": " hoise ", "হইসে": " hoise ",
    "বাদ": " bad ",
    # someone paid for the sender, named only so ("সে আমার জন্য ৫০০ টাকা দিছে": who is asked)
    "সে": " se ", "ও আমার": " o amar ", "উনি": " uni ", "ওরা": " ora ", "তারা": " tara ", "দিছে": " dise ",
    "দিসে": " dise ", "পে করছে": " pay korse ", "পে করেছে": " pay koreche ", "লাঞ্চ": " lunch ", "ডিনার": " dinner ",
    "দিলেন": " dilen ", "দিছেন": " disen ", "কিনছে": " kinse ", "কিনলো": " kinlo ",
    # a tenant, not the "ভাড়া" (rent, fare) the word begins with: "নিচতলার ভাড়াটিয়া ভাড়া দিছে ১৪০০০ টাকা" is income
    "ভাড়াটিয়া": " tenant ", "ভাড়াটে": " tenant ", "ভাড়াটিয়া ভাড়া": " tenant rent ",
    # "ভুল লিখছি, ৩২৪০ না ৩৪২০ হবে"; Eid money given ("খালা ঈদের সালামি দিলেন ২০০০ টাকা")
    "লিখছি": " likhsi ", "লিখেছি": " likhechi ", "সালামি": " salami ", "ঈদের": " eid er ", "দিল": " dilo ",
    # a caller's word, money someone wanted to give, a job's name: "ক্যালার বলতেছে …", "… দিতে চাইছিল", "এলার্ট সুইপ"
    "ক্যালার": " caller ", "বলতেছে": " bolteche ", "দিতে": " dite ", "চাইছিল": " chaisilo ", "সুইপ": " sweep ",
    # a desk's plans and worries: "… প্রিন্ট আটকে যাবে, সবাই রেডি থাকেন", "… হিসাব মিলছে না, … সাথে বসতে হবে"
    "রেডি": " ready ", "থাকেন": " thaken ", "মিলছে": " milche ", "বসতে": " boste ", "পরে": " pore ", "কথা": " kotha ",
    # "কিভাবে হিসাব রাখবো", "BILLG ব্যাচ রি-রান করো", a greeting, money to be asked for, lines to be cut, a spreadsheet
    # ("এক্সেলে পাঠাও"; not "এক্সেলেন্ট"); not "বিকাশ", a name as well as a wallet
    "রাখবো": " rakhbo ", "রাখব": " rakhbo ", "রি-রান": " rerun ", "আসসালামু আলাইকুম": " assalamu alaikum ",
    "চাইবো": " chaibo ", "চাইব": " chaibo ", "কাটবে": " katbe ", "এই": " ei ", "এক্সেল": " excel ",
    "এক্সেলে": " excel e ", "এক্সেলের": " excel er "}
SCRIPT_WORDS.update(MONTH_FORMS)
SCRIPT_WORDS.update(WHOLE_WORD_FORMS)
WHOLE_WORDS = WHOLE_WORDS | frozenset(MONTH_FORMS) | frozenset(WHOLE_WORD_FORMS)
SCRIPT_WORDS = {unicodedata.normalize("NFC", word): latin for word, latin in SCRIPT_WORDS.items()}
WHOLE_WORDS = frozenset(unicodedata.normalize("NFC", word) for word in WHOLE_WORDS)
NOUNS = frozenset(unicodedata.normalize("NFC", word) for word in NOUNS)
NOT_BEFORE = "(?![\u0980-\u09ff])"


def _word_pattern(words: dict[str, str]) -> str:
    """One alternative per word, as a tree of the words' letters (a word's conditions, each a pattern, at its end):
    where several words begin alike the engine reads their common letters once, and the longer word is tried
    first, so a match is the longest word whose conditions hold, as a list of the words longest first would give."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = word

    def pattern_of(node: dict[str, Any]) -> str:
        options = [re.escape(letter) + pattern_of(below) for letter, below in node.items() if letter]
        if "" in node:
            options.append(words[node[""]])  # after every longer word: a word ends here only when none goes on
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return pattern_of(tree)


def _conditions(word: str) -> str:
    """No Bengali letter before a noun or a whole word (looked behind from its end), and none after a whole word."""
    not_after_a_letter = "(?<![\u0980-\u09ff]" + re.escape(word) + ")"
    return not_after_a_letter + NOT_BEFORE if word in WHOLE_WORDS else not_after_a_letter if word in NOUNS else ""


SCRIPT_RE = re.compile(_word_pattern({word: _conditions(word) for word in SCRIPT_WORDS}))
# A noun's ending left after the noun was read in Latin letters ("বাজারে" → " bazar " + "ে"), as Bengali-English
# writes it; any other vowel sign left alone is dropped
DANGLING_ENDING_RE = re.compile(r"(?<=[a-z]) ([\u0981-\u0983\u09be-\u09cc\u09d7]*(?:র|য\u09bc)?)(?<! )"
                                r"(?![\u0980-\u09ff])")
ENDINGS = {unicodedata.normalize("NFC", ending): latin for ending, latin in
           {"ে": "e", "ের": "er", "ার": "er", "া": "a", "ি": "i", "য়": "e", "ায়": "e"}.items()}
# Bengali-English phrases for periods and days, as the English the date rules already read.
PHRASES = {"ei mashe": "this month", "ei mash": "this month", "ei week": "this week", "ei month": "this month",
           "ei year": "this year", "ei maser": "this month", "ei masher": "this month",
           "goto mashe": "last month", "gotomashe": "last month", "gato mashe": "last month",
           "ager mashe": "last month", "last mashe": "last month", "ei soptahe": "this week",
           "ei shoptahe": "this week", "goto soptahe": "last week", "goto shoptahe": "last week",
           "ei soptah": "this week", "ei shoptah": "this week", "ei shoptay": "this week",
           "ei soptay": "this week", "ei bochor": "this year", "ei bochore": "this year",
           "goto bochor": "last year", "gato bochor": "last year", "goto bochore": "last year",
           "gotokal": "yesterday", "gotokaal": "yesterday", "gatokal": "yesterday", "goto kal": "yesterday",
           "aaj": "today", "aajke": "today", "ajke": "today", "ajk": "today",
           "puro bochorer": "this year's", "puro bochor": "this year",
           # Hindi, as some colleagues write it: "is mahine kitna kharcha hua"
           "is mahine": "this month", "iss mahine": "this month", "pichle mahine": "last month",
           "is hafte": "this week", "iss hafte": "this week", "pichle hafte": "last week",
           "is saal": "this year", "iss saal": "this year", "pichle saal": "last year",
           # slips of the words questions turn on
           "kto": "koto", "khrch": "khoroch", "khoros": "khoroch"}
# a count of months, days, weeks or years back: "last 3 mash er khoroch", "goto 6 mashe" (the last 6 months)
COUNTED_BACK_RE = re.compile(r"\b(?:last|goto|gato|shesh|sesh|ager) (\d{1,2}) ?(?:(?P<months>mash|mashe|maser|mas)|"
                             r"(?P<days>din|dine|diner)|(?P<weeks>soptah|soptahe|shoptah|shoptahe|soptaher)|"
                             r"(?P<years>bochor|bochore|bochorer))\b", re.IGNORECASE)
PHRASE_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, PHRASES), key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)

# Verbs of spending and receiving in Bengali-English ("500 taka dilam rickshaw e", "bazar korlam 1200 tk").
EXPENSE_VERBS = (r"dilam|disi|dichi|diyechi|korlam|korsi|korechi|kinlam|kinsi|kinechi|laglo|lagse|legeche|porlo|porse|"
                 r"kinsilam|kinechilam|disilam|diyechilam|korsilam|pathalam|pathaisi|pathiyechi|pathailam|"
                 r"katlam|katsi|ketechi|kinse|kineche|kinlo|"  # a ticket "cut" is a ticket bought
                 r"banaisi|banalam|baniyechi|banailam")  # "trophy r medals banaisi 3200 te": had them made
# "pelam", and money that came in ("upwork payment 320$ ashlo") or was won ("lottery te 500 taka jitsi"), sent to the
# sender ("baba 10k pathaise") or into their account ("bank e dhuklo 58,340 taka")
INCOME_VERBS = (r"pelam|paisi|peyechi|pailam|ashlo|aslo|asche|ashche|esheche|jitsi|jitlam|jitechi|"
                r"pathaise|pathiyeche|pathailo|pathalo|dhuklo|dhukse|dhukeche")
# Words with no meaning of their own in a description ("rickshaw e", "karim er").
FILLER = r"e|er|r|te|ke|ami|amar|amra|ei|theke|diye|jonno|kache|pai|pabo|taka"
# the sender's own verbs of paying, buying or getting ("dilam", "kinlam", "pelam"): the money is the sender's
SENDER_VERBS = (r"dilam|disi|dichi|diyechi|kinlam|kinsi|kinechi|korlam|korsi|korechi|pelam|paisi|peyechi|pathalam|"
                r"pathaisi")
LOOKUP_WORDS = r"koto|baki|bokeya|tothyo|dekhao|janao|dekhan|janan|dekhen|dekhun|dekho"
# spending on a thing told as done with the noun, right after its amount: "shopping e 4500 khoroch hoye gelo" (a verb of
# spending; not a total, "ei mashe 12000 khoroch hoye geche", nor "eto khoroch hoye gelo, 5000 er upor")
SPENT_DONE_RE = re.compile(r"\b[^\W\d_]+ (?:e|te|er jonno) \d[\d,.]*k?(?: ?(?:tk|taka))? khoroch "
                           r"(?:hoye (?:gelo|geche|gese)|holo|hoise|hoyeche|hoyse|hoilo|korlam|korsi|korechi)\b"
                           r"(?! na\b)")
SUMMARY_RE = gated(r"\b(?:koto\s+khor\w*|khor\w*\s+(?:koto|holo|hoise|hoyeche|hoyse))\b")
# "karim er kache 300 pai": karim owes the sender 300.
OWED_TO_ME_RE = re.compile(r"(?:^|\s)@?(?P<name>[^\W\d_][\w.]*)\s+(?:er|r)\s+kache\b.*\b(?:pai|pabo|paona|paowna)\b",
                           re.IGNORECASE)


NORMALISED_CACHE_SIZE = 64  # texts kept: one message is normalised several times (by the rules, the classifier…)
_normalised: dict[str, str] = {}


def normalise(text: str) -> str:
    """The text with ASCII digits, Bengali words spelled in Latin letters, and Bengali-English dates in English."""
    found = _normalised.get(text)
    if found is None:
        if len(_normalised) >= NORMALISED_CACHE_SIZE:
            _normalised.clear()
        found = _normalised[text] = _normalise(text)
    return found


def _normalise(text: str) -> str:
    if not text.isascii():
        text = text.translate(DIGITS)
    # in NFC, one spelling of য় and ড় (a letter, or a letter and its dot), as the words above are
    text = in_digits(text)
    if not text.isascii():
        text = SCRIPT_RE.sub(lambda m: SCRIPT_WORDS[m.group()], text)
        text = DANGLING_ENDING_RE.sub(lambda m: f" {ENDINGS.get(m[1], '')}", text)  # "বাজারে": "bazar e"
        text = " ".join(text.split())  # the words' spaces, one each: "^"-anchored rules see the first word
    lower = text.lower()
    # one of these is in every phrase (faster than a pattern's scan)
    if "aaj" in lower or "ajk" in lower or "kal" in lower or "mash" in lower or "soptah" in lower \
            or "shoptah" in lower or "bochor" in lower or "ei " in lower or "kto" in lower or "khr" in lower \
            or "khoros" in lower or "mahine" in lower or "hafte" in lower or "saal" in lower:
        text = PHRASE_RE.sub(lambda m: PHRASES[m.group().lower()], text)
    if ("mas" in lower or "din" in lower or "soptah" in lower or "shoptah" in lower or "bochor" in lower) \
            and any(digit in text for digit in "0123456789"):
        text = COUNTED_BACK_RE.sub(lambda m: f"last {m[1]} {m.lastgroup}", text)
    return text
