// Gallery filters: progressive enhancement of the server-rendered gallery.
