"""A short English story and its German version, sentence by sentence, for planted-case tests."""

EN = [
    "The Kremlin spokesman Dmitry Peskov said on Tuesday that talks would resume in March.",
    "According to Reuters, 12 delegations have registered for the conference in Geneva.",
    "The minister did not confirm the report.",
    "Prices for electricity rose by 4.5 percent in January, the statistics office said.",
    "Critics called the decision a 'historic mistake'.",
    "The company Siemens announced 2,300 new jobs in Bavaria.",
    "Why did the government wait so long?",
    "Opposition leader Anna Novak demanded an independent investigation.",
    "The parliament in Berlin will vote on the budget on 14 June.",
    "Police arrested three suspects near Frankfurt airport.",
    "The European Commission welcomed the agreement with Norway.",
    "Tourism in Austria grew by 7 percent compared with 2019.",
]
DE = [
    "Kremlsprecher Dmitri Peskow sagte am Dienstag, die Gespräche würden im März fortgesetzt.",
    "Laut Reuters haben sich 12 Delegationen für die Konferenz in Genf angemeldet.",
    "Der Minister bestätigte den Bericht nicht.",
    "Die Strompreise stiegen im Januar um 4,5 Prozent, teilte das Statistikamt mit.",
    "Kritiker nannten die Entscheidung einen „historischen Fehler“.",
    "Das Unternehmen Siemens kündigte 2300 neue Stellen in Bayern an.",
    "Warum hat die Regierung so lange gewartet?",
    "Oppositionsführerin Anna Novak forderte eine unabhängige Untersuchung.",
    "Das Parlament in Berlin stimmt am 14. Juni über den Haushalt ab.",
    "Die Polizei nahm drei Verdächtige in der Nähe des Frankfurter Flughafens fest.",
    "Die Europäische Kommission begrüßte das Abkommen mit Norwegen.",
    "Der Tourismus in Österreich wuchs im Vergleich zu 2019 um 7 Prozent.",
]
