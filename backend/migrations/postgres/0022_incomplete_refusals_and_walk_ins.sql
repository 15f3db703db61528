-- The refusal of an incomplete package is a result of its own ('incomplete': a document the head
-- signs, numbered apart from the motivated refusals), and a request may be taken in at the
-- provider's own chancellery ('provider').
ALTER TABLE requests DROP CONSTRAINT requests_result_outcome_check;
ALTER TABLE requests ADD CONSTRAINT requests_result_outcome_check
    CHECK (result_outcome IN ('certificate', 'refusal', 'incomplete'));
ALTER TABLE requests DROP CONSTRAINT requests_intake_check;
ALTER TABLE requests ADD CONSTRAINT requests_intake_check
    CHECK (intake IN ('portal', 'csc', 'provider'));
