-- The head's signature of a result is kept beside the applicant's of the filing.
ALTER TABLE request_signatures DROP CONSTRAINT request_signatures_purpose_check;
ALTER TABLE request_signatures
    ADD CONSTRAINT request_signatures_purpose_check CHECK (purpose IN ('submission', 'result'));
