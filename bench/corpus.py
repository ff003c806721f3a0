"""Words for realistic complaint cases: customers, summaries, details, notes, step records.

Everything is drawn from a ``random.Random`` the caller seeds, so the same seed always
gives the same text. Phone numbers are Australian mobiles (04xx xxx xxx); lengths follow
what a contact centre types: a summary of 40-80 characters, details of 300-1500, notes of
100-300.
"""

from __future__ import annotations

import random
from datetime import date, timedelta


def words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text``."""
    return tuple(text.split())


FIRST_NAMES = words(
    "Olivia Charlotte Amelia Isla Mia Ava Grace Chloe Willow Matilda Ella Sophie Zoe Ruby "
    "Harper Evie Lily Sienna Aria Ivy Hannah Emily Jessica Sarah Emma Priya Mei Aisha Fatima "
    "Nguyen Anh Linh Sofia Maria Elena Rosa Leilani Kiri Aroha Tahlia Jack Oliver Noah "
    "William Leo Henry Thomas Lucas Charlie James Hudson Archie Oscar Liam Ethan Mason "
    "Cooper Harrison Samuel Daniel Benjamin Max Joshua Ryan Nathan Mohammed Ali Omar Ahmed "
    "Raj Arjun Vikram Wei Jun Hiroshi Kenji Minh Duc Tuan Marco Luca Giorgos Nikos Dimitri "
    "Patrick Sean Connor Brendan Malcolm Graham Trevor Barry Wayne Darren Craig Shane Glenn "
    "Beverley Sharon Karen Deborah Leanne Kylie Tracey Michelle Narelle Gail"
)

SURNAMES = words(
    "Smith Jones Williams Brown Wilson Taylor Johnson White Martin Anderson Thompson Nguyen "
    "Tran Le Pham Thomas Walker Harris Lee Ryan Robinson Kelly King Davis Wright Evans "
    "Roberts Green Hall Wood Jackson Clarke Patel Khan Singh Sharma Chen Wang Li Zhang Liu "
    "Huang Kim Park Nakamura Tanaka Rossi Russo Romano Papadopoulos Georgiou Murphy O'Brien "
    "O'Connor McDonald Campbell Stewart Mitchell Young Scott Baker Adams Hill Turner Collins "
    "Edwards Morris Cook Bell Bailey Cooper Richardson Cox Howard Ward Peterson Gray James "
    "Watson Brooks Kennedy Hughes Price Bennett Wood Barnes Ross Henderson Coleman Jenkins "
    "Perry Powell Long Patterson Flores Washington Butler Simmons Foster Gonzales Bryant "
    "Alexander Russell Griffiths Hayes Myers Ford Hamilton Graham Sullivan Wallace West"
)

COMPANY_WORDS = words(
    "Harbour Southern Coastal Pacific Summit Ironbark Wattle Bluegum Redgum Eastside "
    "Northern Riverside Granite Silverleaf Banksia Kookaburra Outback Tasman Coral Sandstone"
)
COMPANY_KINDS = (
    "Logistics",
    "Building Supplies",
    "Property Group",
    "Cafe Group",
    "Medical Centre",
    "Electrical",
    "Plumbing",
    "Consulting",
    "Childcare",
    "Motors",
)
EMAIL_DOMAINS = ("gmail.com", "outlook.com", "bigpond.com", "icloud.com", "yahoo.com.au")
DEPARTMENTS = ("Warehouse", "Dispatch", "Accounts", "Showroom", "Marketing", "IT")

PRODUCTS = (
    "washing machine",
    "fridge",
    "dishwasher",
    "laptop",
    "tablet",
    "mobile phone",
    "TV",
    "soundbar",
    "vacuum cleaner",
    "air fryer",
    "coffee machine",
    "office chair",
    "sofa",
    "mattress",
    "bed frame",
    "dining table",
    "kettle",
    "microwave",
    "lawn mower",
    "electric heater",
    "pram",
    "bicycle",
    "printer",
    "gaming console",
)
STORES = (
    "Parramatta",
    "Chatswood",
    "Bondi Junction",
    "Penrith",
    "Castle Hill",
    "Liverpool",
    "Chadstone",
    "Ringwood",
    "Geelong",
    "Carindale",
    "Chermside",
    "Robina",
    "Joondalup",
    "Cannington",
    "Marion",
    "Belconnen",
    "Hobart CBD",
    "Newcastle",
)
COURIERS = ("Australia Post", "StarTrack", "Couriers Please", "Aramex", "TNT", "our own van")
STAFF = ("the store manager", "a sales assistant", "the driver", "a call centre agent")
POLICY_CLAUSES = (
    "Refunds 4.2",
    "Refunds 4.5 (faulty goods)",
    "Delivery guarantee 3.1",
    "Delivery guarantee 3.4",
    "Customer charter 2.4",
    "Billing corrections 6.1",
    "Staff conduct 1.3",
    "Price promise 5.2",
    "ACL s.54 acceptable quality",
    "ACL s.259 major failure",
    "Warranty 7.1",
    "Goodwill gestures 8.2",
)
REFERRALS = (
    ("NSW Fair Trading", "13 32 20, www.fairtrading.nsw.gov.au"),
    ("Consumer Affairs Victoria", "1300 55 81 81, www.consumer.vic.gov.au"),
    ("Office of Fair Trading Queensland", "13 74 68, www.qld.gov.au/fairtrading"),
    ("Australian Financial Complaints Authority", "1800 931 678, www.afca.org.au"),
    ("Telecommunications Industry Ombudsman", "1800 062 058, www.tio.com.au"),
    ("ACCC", "1300 302 502, www.accc.gov.au"),
)
REMEDIES = (
    "Full refund",
    "Replacement",
    "Repair under warranty",
    "Refund of the delivery fee",
    "An apology",
    "Compensation for the time off work",
    "Credit on the account",
    "Exchange for another model",
    "",
)

SUMMARIES: dict[str, tuple[str, ...]] = {
    "Product quality": (
        "{product} stopped working after {days} days",
        "Faulty {product} from order {order}, wants a replacement",
        "{product} arrived with a cracked panel and missing parts",
        "Second fault with the same {product} in three months",
        "New {product} makes a loud noise and smells of burning",
        "{product} does not match the description on the website",
    ),
    "Delivery": (
        "Order {order} not delivered by the promised date",
        "Parcel marked delivered but never arrived ({courier})",
        "{product} delivered to the wrong address in {store}",
        "Delivery window missed twice, customer took days off work",
        "Driver left the {product} outside in the rain",
        "Order {order} split into three deliveries, one still missing",
    ),
    "Billing": (
        "Charged twice for order {order}",
        "Direct debit taken after the account was closed",
        "Invoice {invoice} shows the wrong price for the {product}",
        "Late fee charged although payment was made on time",
        "Promised price match not applied at the checkout",
        "Card charged ${amount} for an order that was cancelled",
    ),
    "Staff conduct": (
        "Rude treatment by staff at the {store} store",
        "Call centre agent hung up in the middle of the call",
        "Sales assistant pressured the customer into a warranty",
        "Driver was abusive when asked to carry the {product} inside",
        "Manager at {store} refused to listen to the complaint",
    ),
    "Information": (
        "Told the wrong warranty terms for the {product}",
        "Website showed the {product} in stock when it was not",
        "Conflicting answers from three agents about order {order}",
        "Assembly instructions for the {product} missing a page",
        "Advertised promotion conditions were not explained",
    ),
    "Waiting time": (
        "Waited {minutes} minutes on hold before giving up",
        "No reply to emails about order {order} for {days} days",
        "Queue at the {store} service desk took over an hour",
        "Callback promised twice and never received",
        "Repair of the {product} taking {days} days and counting",
    ),
    "Refund or exchange": (
        "Refund for the returned {product} not received after {days} days",
        "Store refused to exchange the {product} without the box",
        "Refund given as a store credit instead of to the card",
        "Change-of-mind return refused although within 30 days",
        "Exchange {product} is the same faulty model again",
    ),
    "Other": (
        "Car park at the {store} store closed without notice",
        "Marketing emails keep coming after unsubscribing",
        "Loyalty points from order {order} never credited",
        "Personal details read out loud at the {store} counter",
        "Accessibility ramp at {store} blocked by pallets",
    ),
}

OPENINGS: dict[str, tuple[str, ...]] = {
    "Product quality": (
        "The customer bought a {product} on {bought} (order {order}) and it stopped "
        "working after {days} days of normal use.",
        "The {product} from order {order} arrived with visible damage to the front panel "
        "and the customer only noticed once the packaging was removed.",
        "The customer says the {product} has failed for the second time and the earlier "
        "repair only lasted a few weeks.",
    ),
    "Delivery": (
        "Order {order} for a {product} was due on {bought} but did not arrive; the customer "
        "stayed home all day waiting for it.",
        "Tracking for order {order} with {courier} shows it as delivered, but nothing was "
        "left at the address and the neighbours have not seen it.",
        "The delivery of the {product} has been rescheduled twice without notice and the "
        "customer has now taken two days of leave to wait for it.",
    ),
    "Billing": (
        "The customer's card statement shows two charges of ${amount} for order {order}, "
        "both on the same day.",
        "A direct debit of ${amount} was taken on {bought} even though the account was "
        "closed the month before.",
        "Invoice {invoice} lists the {product} at ${amount}, which is more than the price "
        "shown in the catalogue at the time of purchase.",
    ),
    "Staff conduct": (
        "The customer visited the {store} store on {bought} and says {staff} was dismissive "
        "and raised their voice in front of other shoppers.",
        "During a call about order {order} {staff} ended the call when the customer asked to "
        "speak with a supervisor.",
        "The customer felt pressured by {staff} at {store} into buying an extended warranty "
        "for the {product} that they did not want.",
    ),
    "Information": (
        "The customer was told in store that the {product} had a three-year warranty, but "
        "the paperwork only mentions twelve months.",
        "The website showed the {product} as in stock at {store}; when the customer drove "
        "there it had been out of stock for weeks.",
        "Three different agents gave three different answers about when order {order} "
        "would be ready to collect.",
    ),
    "Waiting time": (
        "The customer called about order {order} and waited {minutes} minutes on hold "
        "before the call dropped.",
        "Emails about the {product} sent on {bought} have had no reply beyond the automatic "
        "acknowledgement.",
        "The {product} went in for repair {days} days ago and the customer has had no update "
        "despite calling several times.",
    ),
    "Refund or exchange": (
        "The customer returned the {product} to {store} on {bought} and was told the refund "
        "of ${amount} would take five days; it has not appeared.",
        "The {store} store refused to exchange the {product} because the original box had "
        "been thrown away.",
        "A refund for order {order} was issued as store credit although the customer paid "
        "by card and asked for the money back.",
    ),
    "Other": (
        "The customer arrived at the {store} store to find the car park closed with no "
        "signage, and had to park several streets away.",
        "The customer unsubscribed from marketing emails in {month} and still receives "
        "several a week.",
        "Loyalty points for order {order} were never added to the customer's account.",
    ),
}

MIDDLES = (
    "They have been a customer for {years} years and have never complained before.",
    "They called the contact centre on {bought} and were promised a call back within 48 "
    "hours, which did not happen.",
    "They have kept the receipt, photos of the damage and the emails they received.",
    "The customer was calm but firm and said they expect the matter to be taken seriously.",
    "They mentioned that they had already spent about {minutes} minutes on hold last week.",
    "A friend of theirs had a similar problem at the {store} store last month.",
    "They asked that all further contact be by {contact} as they work shifts.",
    "They would like someone senior to review how the matter has been handled so far.",
    "The customer read out the order number and the date of purchase from the receipt.",
    "They were upset that nobody had explained what would happen next.",
    "They said the problem has caused real inconvenience to their family.",
    "The customer has been without the {product} for {days} days now.",
    "They checked the online help pages first but could not find an answer.",
    "They gave permission to call them back on the number provided.",
    "They also asked whether the same issue affects other customers.",
    "They were told in store to ring the contact centre rather than deal with it there.",
    "The customer would consider taking the matter further if it is not resolved soon.",
    "They noted that the packaging showed signs of being dropped in transit.",
)
CLOSINGS = (
    "The customer wants {remedy_lower} and an explanation of what went wrong.",
    "They are asking for {remedy_lower} as soon as possible.",
    "They would accept {remedy_lower} if it can be arranged this week.",
    "They want to know what will be done so this does not happen again.",
)

NOTES = (
    "Checked the order history: order {order} was paid in full on {bought}.",
    "Left a voicemail for the customer asking them to call back on the direct line.",
    "Spoke to the {store} store manager, who will check the CCTV for that afternoon.",
    "Customer emailed photos of the damage; saved to the case folder.",
    "Courier {courier} has opened an investigation, reference {invoice}.",
    "Supplier confirms a known fault with this batch of {product} units.",
    "Finance confirms the duplicate charge; reversal needs a team leader's approval.",
    "Customer called again asking for an update; explained the next step.",
    "Warehouse says a replacement {product} is in stock and can ship tomorrow.",
    "Customer prefers contact after 5 pm on weekdays.",
    "Escalated to the team leader because the customer mentioned Fair Trading.",
    "Reviewed the call recording; the agent did not follow the hold procedure.",
)
FINDINGS = (
    "Order {order} was dispatched on {bought} with {courier}; tracking stops at the "
    "regional depot and the parcel was never scanned onto a truck.",
    "The payment system shows two authorisations of ${amount} for order {order}; the "
    "second came from a timeout and retry at the checkout.",
    "The {product} serial number matches a batch with a known fault that the supplier "
    "reported last month; a recall is not yet announced.",
    "CCTV and the roster show {staff} was on the floor at the time; the store manager "
    "has spoken with them and they remember the conversation.",
    "The website stock feed for {store} was not updated for two weeks after the system "
    "change, so the {product} showed as available.",
    "Call records show the customer waited {minutes} minutes and the call was dropped "
    "when the queue overflowed.",
    "The return was received at {store} on {bought}; the refund was keyed as store credit "
    "by mistake.",
    "The repair agent has had the {product} for {days} days waiting for a part from overseas.",
    "The customer's account shows the unsubscribe request, but the marketing list was "
    "imported again from an old file.",
)
PROMISES = (
    "Apologised for the trouble and told {first} that I am handling the complaint "
    "personally and will have an answer by {by}.",
    "Acknowledged that we let {first} down, explained the next steps and promised a "
    "resolution by {by}.",
    "Confirmed we take responsibility for the delay and that {first} will hear from me "
    "again no later than {by}.",
)
ACTIONS = (
    "Send a replacement {product} by express delivery at no cost and collect the faulty one.",
    "Reverse the duplicate charge of ${amount} and add a $20 credit for the inconvenience.",
    "Refund ${amount} to the original card and apologise in writing.",
    "Repair the {product} under warranty with priority booking, loan unit provided.",
    "Redeliver order {order} on a confirmed date with a two-hour window.",
    "Coaching for the staff member and a written apology from the store manager.",
    "Correct the stock feed and offer a 10% discount on the {product}.",
    "Remove the customer from every marketing list and confirm in writing.",
)
SAID = (
    "Called {first} and explained that {action_short}; they accepted and thanked us.",
    "Emailed {first} the outcome: {action_short}. Included the reference and my direct line.",
    "Told {first} that {action_short}. They were relieved but asked us to make sure it "
    "does not happen again.",
    "Explained the decision to {first}: {action_short}. They were not entirely happy but "
    "agreed to go ahead.",
)


def pick(rng: random.Random, items: tuple[str, ...] | list[str]) -> str:
    """One of ``items``."""
    return items[rng.randrange(len(items))]


def phone(rng: random.Random) -> str:
    """An Australian mobile number, written as people say it: ``0412 345 678``."""
    digits = f"{rng.randrange(10, 100):02d}{rng.randrange(1_000_000):06d}"
    return f"04{digits[:2]} {digits[2:5]} {digits[5:]}"


def person(rng: random.Random) -> tuple[str, str]:
    """A first name and a surname."""
    return pick(rng, FIRST_NAMES), pick(rng, SURNAMES)


def company(rng: random.Random) -> str:
    """A business customer's name."""
    return f"{pick(rng, COMPANY_WORDS)} {pick(rng, COMPANY_KINDS)} Pty Ltd"


def email(rng: random.Random, first: str, last: str) -> str:
    """An address built from the name, as customers have them."""
    local = pick(rng, (f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randrange(100)}"))
    local = local.lower().replace("'", "")
    return f"{local}@{pick(rng, EMAIL_DOMAINS)}"


def slots(rng: random.Random, now: date) -> dict[str, str]:
    """Values for the ``{placeholders}`` of every text here."""
    bought = now - timedelta(days=rng.randrange(1, 60))
    return {
        "product": pick(rng, PRODUCTS),
        "order": f"{rng.randrange(100_000, 999_999)}",
        "invoice": f"INV-{rng.randrange(10_000, 99_999)}",
        "courier": pick(rng, COURIERS),
        "store": pick(rng, STORES),
        "staff": pick(rng, STAFF),
        "days": str(rng.randrange(3, 40)),
        "minutes": str(rng.randrange(20, 95)),
        "amount": f"{rng.randrange(19, 2_400)}.{rng.choice(('00', '95', '99', '50'))}",
        "bought": f"{bought.day} {bought:%B}",
        "month": f"{bought:%B}",
        "years": str(rng.randrange(1, 15)),
        "contact": pick(rng, ("email", "text message", "phone after 5 pm")),
    }


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with its placeholders filled; a leading product name is capitalised."""
    out = text.format(**values)
    return out[0].upper() + out[1:]


def summary(rng: random.Random, category: str, values: dict[str, str]) -> str:
    """A one-line complaint of 40-80 characters."""
    choices = SUMMARIES.get(category, SUMMARIES["Other"])
    text = fill(pick(rng, choices), values)
    for _ in range(8):
        if 40 <= len(text) <= 80:
            break
        text = fill(pick(rng, choices), values)
    return text[:80]


def details(rng: random.Random, category: str, values: dict[str, str], remedy: str) -> str:
    """What the customer said: 300-1500 characters in a few sentences."""
    target = rng.randrange(300, 1500)
    parts = [fill(pick(rng, OPENINGS.get(category, OPENINGS["Other"])), values)]
    closing = fill(pick(rng, CLOSINGS), {**values, "remedy_lower": (remedy or "a fix").lower()})
    middles = list(MIDDLES)
    rng.shuffle(middles)
    length = len(parts[0]) + len(closing) + 1
    for sentence in middles:
        text = fill(sentence, values)
        longer = length + len(text) + 1
        if longer > 1500 or (longer > target and length >= 300):
            continue
        parts.append(text)
        length = longer
    parts.append(closing)
    return " ".join(parts)


def note(rng: random.Random, values: dict[str, str]) -> str:
    """An internal note of about 100-300 characters."""
    target = rng.randrange(100, 300)
    sentences = list(NOTES)
    rng.shuffle(sentences)
    out: list[str] = []
    for sentence in sentences:
        text = fill(sentence, values)
        if out and sum(len(s) + 1 for s in out) + len(text) > 300:
            break
        out.append(text)
        if sum(len(s) + 1 for s in out) >= target:
            break
    return " ".join(out)


def findings(rng: random.Random, values: dict[str, str]) -> str:
    """What the investigation found (two or three sentences)."""
    first, second = rng.sample(FINDINGS, 2)
    return f"{fill(first, values)} {fill(second, values)}"


def promise(rng: random.Random, first: str, by: date) -> str:
    """What the customer was promised at the Declare step."""
    return pick(rng, PROMISES).format(first=first, by=f"{by.day} {by:%B}")


def action(rng: random.Random, values: dict[str, str]) -> str:
    """The action decided at the Solve step."""
    return fill(pick(rng, ACTIONS), values)


def said(rng: random.Random, first: str, decided: str) -> str:
    """What the customer was told at the Notify step."""
    short = decided[0].lower() + decided[1:].rstrip(".")
    return pick(rng, SAID).format(first=first, action_short=short)
