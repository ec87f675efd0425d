#!/usr/bin/python3
"""Faker-filled PII sentences, labelled: an independent development set for the detector.

  bench/pii_faker_dev.py --seed S -n N -o gold.jsonl [--locales en_US,de_DE,...]

Values come from the real Faker library (Debian: `apt-get install python3-fake-factory`;
the shebang names Debian's python3 because that is where the package lives), written exactly
as Faker writes them; the sentence templates were written for this project (prose, forms,
chat, e-mail headers and signatures, support tickets, logs; some in lower case). This is the
shape of a peer tool's synthetic benchmark (templates filled by Faker), not its data.

Output: the DESIGN's PII gold format, one JSON object per line,
`{"id","text","spans":[{"start","end","type"}]}`, code point offsets, half-open, with
Presidio's type names: PERSON, LOCATION (city, state, country), STREET_ADDRESS (the whole
address, one-line or multi-line as Faker formats it), PHONE_NUMBER, CREDIT_CARD, IBAN_CODE,
US_SSN, EMAIL_ADDRESS, IP_ADDRESS, MAC_ADDRESS, DATE_OF_BIRTH. (This Faker has no passport,
driver's licence or US bank account provider, so those types are not generated.)

Caveats, kept on purpose because they are what Faker emits: the default bank provider (used by
en_US, en_CA, en_AU, es_ES) writes GB IBANs with 13 digits after the bank code (21 characters,
mod-97 valid, one short of the registry's 22); en_GB phones use Ofcom's drama ranges; some
en_US phones are bare 10 digits; fr/de/it/es/nl SSNs are not US SSNs and are not generated.
Develop on one seed and report on another.
"""
import argparse, json, random, re, sys

try:
    from faker import Faker
except ImportError:
    sys.exit('pii_faker_dev.py: Faker is missing (apt-get install -y python3-fake-factory; '
             'run with /usr/bin/python3)')

LOCALES = {'en_US': 10, 'en_GB': 2, 'en_CA': 1, 'en_AU': 1, 'de_DE': 1, 'fr_FR': 1,
           'es_ES': 1, 'it_IT': 1, 'nl_NL': 1}

# Field kinds a template may name: {kind} -> (type or None, generator name).
TYPES = {
    'name': 'PERSON', 'first': 'PERSON', 'last': 'PERSON',
    'city': 'LOCATION', 'state': 'LOCATION', 'country': 'LOCATION',
    'street': 'STREET_ADDRESS', 'address': 'STREET_ADDRESS', 'address1': 'STREET_ADDRESS',
    'phone': 'PHONE_NUMBER', 'card': 'CREDIT_CARD', 'iban': 'IBAN_CODE', 'ssn': 'US_SSN',
    'email': 'EMAIL_ADDRESS', 'femail': 'EMAIL_ADDRESS', 'cemail': 'EMAIL_ADDRESS',
    'ip4': 'IP_ADDRESS', 'ip6': 'IP_ADDRESS', 'mac': 'MAC_ADDRESS', 'dob': 'DATE_OF_BIRTH',
    # unlabelled filler
    'company': None, 'job': None, 'amount': None, 'order': None, 'date': None,
    'user': None,
    # lower-cased values
    'lname': 'PERSON', 'lcity': 'LOCATION',
}

TEMPLATES = [
    # prose
    'My name is {name} and I live at {address1}.',
    '{name} moved to {city} last spring and now works as a {job}.',
    'I was born in {city}, {country} on {dob}.',
    'Please send the package to {address}',
    'You can reach {first} at {phone} or {email}.',
    'Her credit card number is {card} and it expires next year.',
    'The wire went to IBAN {iban} on {date}.',
    'His social security number is {ssn}.',
    'Our records show {name} (SSN {ssn}) lives in {state}.',
    'The login came from {ip4} at 03:14 UTC.',
    'Connection from {ip6} was refused.',
    'The device with MAC address {mac} joined the network.',
    '{name} was born on {dob} in {city}.',
    'We met {name} at the {company} office in {city}, {state}.',
    'After the trip to {country}, {first} called me from {phone}.',
    'Visa or Mastercard? I paid with {card}.',
    '{first} {last} is the new {job} at {company}.',
    'The tenant, {name}, has lived at {address1} since {date}.',
    'I think {first} still lives near {city}, but she changed her number to {phone}.',
    # forms
    'Name: {name}\nAddress: {address}\nPhone: {phone}\nEmail: {email}',
    'Full name: {name}\nDate of birth: {dob}\nSSN: {ssn}',
    'Cardholder: {name}\nCard number: {card}\nBilling address: {address1}',
    'Account holder: {name}\nIBAN: {iban}\nBank country: {country}',
    'Customer: {name} | Phone: {phone} | City: {city}',
    'First name: {first}\nLast name: {last}\nE-mail: {femail}\nTel: {phone}',
    'Shipping to:\n{name}\n{address}\n{country}',
    'DOB: {dob}   Place of birth: {city}, {country}',
    'ip={ip4} mac={mac} user={user}',
    # chat
    'hey its {first}, text me at {phone}',
    'lol {first} just moved to {city}',
    'can u send it to {email}? thx',
    'my new number is {phone} btw',
    '[10:42] {first}: my card {card} got declined again',
    'ok so the address is {address1}, see you at 8',
    'does anyone know {name}? she said she is from {country}',
    'call me on {phone} when u land in {city}',
    # e-mail headers and signatures
    'From: {name} <{email}>\nTo: {cemail}\nSubject: invoice {order}',
    'Hi {first},\n\nplease find the contract attached.\n\nBest regards,\n{name}\n{job}, {company}\n{phone}',
    'Thanks,\n{name}\n{address}\nMobile: {phone}',
    'Dear {name},\nyour order {order} will ship to {address1}.',
    'Cc: {femail}, {cemail}',
    '-- \n{name} | {company} | {phone} | {email}',
    # support tickets
    'Ticket {order}: customer {name} ({email}) reports a failed payment with card {card}.',
    'Caller {name} verified identity with SSN {ssn} and date of birth {dob}.',
    'Customer asked to update the billing address to {address} and phone to {phone}.',
    'Refund of {amount} to IBAN {iban}, account holder {name}.',
    'User {user} logged in from {ip4} ({city}, {country}).',
    'Blocked login attempt from {ip6} for {email}.',
    # logs
    '2024-03-01T10:02:11Z INFO login ok user={email} ip={ip4}',
    '{date} WARN dhcp lease {mac} -> {ip4}',
    # lower case
    'my name is {lname} and i live in {lcity}',
    'i was born on {dob}, my ssn is {ssn}',
    'pls call {phone} or mail {email}',
    'card {card} exp 09/27 cvv 123',
]

CARD_TYPES = ['maestro', 'mastercard', 'visa16', 'visa13', 'visa19', 'amex', 'discover',
              'diners', 'jcb15', 'jcb16']
DOB_FORMATS = ['%Y-%m-%d', '%m/%d/%Y', '%d/%m/%Y', '%B %d, %Y', '%d %B %Y', '%b %d, %Y',
               '%d.%m.%Y']


class Values:
    """One Faker per locale; every value comes from a Faker provider as Faker writes it."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.fakers = {}
        for i, loc in enumerate(LOCALES):
            f = Faker(loc)
            f.seed_instance(seed * 100 + i)
            self.fakers[loc] = f
        self.en = self.fakers['en_US']

    def pick_locale(self):
        locs, weights = zip(*LOCALES.items())
        return self.rng.choices(locs, weights)[0]

    def phone(self, f):
        # every format the locale's provider lists, not only the ones random sampling favours
        provider = next(p for p in f.providers if 'phone_number' in p.__module__)
        fmt = self.rng.choice(provider.formats)
        if '{{' in fmt:  # en_AU: '0{{area_code}} #### ####'
            fmt = f.parse(fmt)
        return f.numerify(fmt)

    def value(self, kind, f):
        en = self.en
        if kind in ('name', 'lname'):
            v = f.name()
            return v.lower() if kind == 'lname' else v
        if kind == 'first': return f.first_name()
        if kind == 'last': return f.last_name()
        if kind in ('city', 'lcity'):
            v = f.city()
            return v.lower() if kind == 'lcity' else v
        if kind == 'state':
            return f.state() if hasattr(f, 'state') else en.state()
        if kind == 'country': return f.country()
        if kind == 'street': return f.street_address()
        if kind == 'address1':
            return ', '.join(l.strip() for l in f.address().split('\n') if l.strip())
        if kind == 'address': return f.address()
        if kind == 'phone': return self.phone(f)
        if kind == 'card': return en.credit_card_number(card_type=self.rng.choice(CARD_TYPES))
        if kind == 'iban': return f.iban()
        if kind == 'ssn': return en.ssn()
        if kind == 'email': return f.email()
        if kind == 'femail': return f.free_email()
        if kind == 'cemail': return f.company_email()
        if kind == 'ip4': return en.ipv4_public()
        if kind == 'ip6': return en.ipv6()
        if kind == 'mac': return en.mac_address()
        if kind == 'dob': return en.date_of_birth().strftime(self.rng.choice(DOB_FORMATS))
        if kind == 'company': return f.company()
        if kind == 'job': return en.job()
        if kind == 'amount': return '%d.%02d EUR' % (self.rng.randint(5, 900), self.rng.randint(0, 99))
        if kind == 'order': return '#%d' % self.rng.randint(10000, 99999)
        if kind == 'date': return en.date()
        if kind == 'user': return en.user_name()
        raise KeyError(kind)


FIELD = re.compile(r'\{(\w+)\}')


def fill(template, values, f):
    text, spans, pos = [], [], 0
    length = 0
    for m in FIELD.finditer(template):
        lit = template[pos:m.start()]
        text.append(lit)
        length += len(lit)
        kind = m.group(1)
        v = values.value(kind, f)
        typ = TYPES[kind]
        if typ:
            spans.append({'start': length, 'end': length + len(v), 'type': typ})
        text.append(v)
        length += len(v)
        pos = m.end()
    text.append(template[pos:])
    return ''.join(text), spans


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('-n', type=int, default=1000)
    ap.add_argument('-o', required=True)
    a = ap.parse_args()
    values = Values(a.seed)
    with open(a.o, 'w', encoding='utf-8') as out:
        for i in range(a.n):
            loc = values.pick_locale()
            f = values.fakers[loc]
            t = TEMPLATES[values.rng.randrange(len(TEMPLATES))]
            text, spans = fill(t, values, f)
            out.write(json.dumps({'id': 'faker-%d-%d' % (a.seed, i), 'locale': loc,
                                  'text': text, 'spans': spans}, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
