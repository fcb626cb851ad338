# Uploads: extra weigeringen (issue 6).
upload-hidden-content = Dit bestand bevat naast de afbeelding ook iets anders, zoals code of een ander bestand. Sla de afbeelding opnieuw op (bijvoorbeeld als schermafbeelding) en probeer het nog eens.
upload-wrong-extension = De naam van dit bestand past niet bij wat erin zit. Kies een PNG, JPEG, WebP of GIF met de juiste extensie (.png, .jpg, .webp of .gif).
upload-bad-name = De naam van dit bestand kunnen we niet gebruiken. Geef het bestand een gewone naam, zonder / of \ of .., en probeer het opnieuw.
