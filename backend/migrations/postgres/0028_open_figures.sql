-- The open figures read the requests filed, or finished, in the last year: each moment has its
-- index, so that the count does not read every request ever filed.
CREATE INDEX requests_submitted ON requests (submitted_at);
CREATE INDEX requests_result_signed ON requests (result_signed_at);
