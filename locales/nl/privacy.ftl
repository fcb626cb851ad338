# Bewaartermijnen (AVG), op /beheer/instellingen.
privacy-retention-legend = Bewaartermijnen
privacy-retention-intro = Na deze termijnen halen we persoonsgegevens weg. Stemmen en uitslagen blijven kloppen.
privacy-retention-voters = Stemmers anoniem maken na (dagen)
privacy-retention-voters-hint = Aantal dagen na het einde van een project. Daarna weet niemand meer wie welke stem gaf. Standaard: 60.
privacy-retention-ip = IP-adressen bewaren (dagen)
privacy-retention-ip-hint = Tellers voor de bescherming tegen misbruik. We bewaren IP-adressen nooit leesbaar. Standaard: 60.
privacy-retention-days-invalid = Vul een heel getal in van 0 tot en met 3650.
