# Uploads: further refusals (issue 6).
upload-hidden-content = This file contains something besides the image, such as code or another file. Save the image again (for example as a screenshot) and try once more.
upload-wrong-extension = The name of this file does not match what is in it. Choose a PNG, JPEG, WebP or GIF with the right extension (.png, .jpg, .webp or .gif).
upload-bad-name = We cannot use the name of this file. Give the file an ordinary name, without / or \ or .., and try again.
