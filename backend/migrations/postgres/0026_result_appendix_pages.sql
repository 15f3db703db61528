-- The pages of a certificate's appendix, which the specialist counts when drafting where the
-- regulation's form prints «Қосымша: __ бет» (001, appendix 5); NULL for every other result.
ALTER TABLE requests ADD COLUMN result_appendix_pages INTEGER;
