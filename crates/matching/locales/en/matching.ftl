# Messages of the matching engine. The format messages match check.py word for word.
fmt-line = line { $line }
fmt-no-header = no header line
fmt-not-header = not a nastavnik-match header: expected 'nastavnik-match 1 sparse|dense ranks|scores MENTEES MENTORS EDGES'
fmt-version = unsupported format version { $version } (this is version 1)
fmt-layout = layout must be 'sparse' or 'dense', not { $value }
fmt-prefs = preferences must be 'ranks' or 'scores', not { $value }
fmt-count = { $name } must be an integer 0..2147483647, not { $value }
fmt-too-many = { $name } is more than { $limit }, the most one instance may hold
fmt-no-mentees = the instance has no mentees
fmt-no-mentors = the instance has no mentors
fmt-dense-count = a dense instance has MENTEES*MENTORS = { $expected } edges, the header says { $found }
fmt-file-ends = file ends after { $have } of { $count } { $what }
fmt-token-count = expected { $expected } integers ({ $fields }), found { $found }
fmt-not-integer = { $token } is not an integer
fmt-too-large = { $token } is too large (at most 2147483647)
fmt-trailing = unexpected data after the last record
fmt-line-too-long = the line is longer than { $limit } bytes: a record of this file cannot be that long
fmt-mentor-order = expected mentor { $expected }, found { $found }: mentor lines list ids 0..{ $last } in order
fmt-negative-capacity = capacity { $capacity } of mentor { $mentor } is negative
fmt-unknown-mentee = mentee { $id } does not exist (mentees are 0..{ $last })
fmt-unknown-mentor = mentor { $id } does not exist (mentors are 0..{ $last })
fmt-score-range = score { $score } is out of range 0..1000
fmt-grouping = mentee { $mentee } after mentee { $after }: candidate lines must be grouped by mentee in increasing order
fmt-duplicate = duplicate candidate: mentee { $mentee }, mentor { $mentor } already on line { $first }
fmt-rank-range = { $side } { $owner } gives rank { $rank } but has { $degree } candidates (ranks are 1..{ $degree })
fmt-rank-repeat = { $side } { $owner } gives rank { $rank } twice (also on line { $first })
fmt-io = cannot read the file: { $error }

what-mentor-lines = mentor lines
what-candidate-lines = candidate lines
what-score-rows = rows of the score matrix
what-mentee-rank-rows = rows of the mentee_rank matrix
what-mentor-rank-rows = rows of the mentor_rank matrix

why-mentee = mentee { $id }
why-no-candidates = no compatible mentor at all
why-no-places = mentor { $mentor } takes nobody now
why-full = every place of mentor { $mentor } is taken (mentees { $mentees })
why-zero = compatibility with mentor { $mentor } is 0 points
why-room = mentor { $mentor } had room, but the pair is not in the best assignment
why-more = { $count ->
    [one] and { $count } more candidate
   *[other] and { $count } more candidates
  }

cli-open = cannot open { $path }: { $error }
cli-write = cannot write { $path }: { $error }

ex-same-person = nobody can mentor themselves
ex-mentee-consent = the mentee's consent (a guardian's for a minor) to personal data processing is missing
ex-mentor-consent = the mentor's consent to personal data processing is missing
ex-no-form = the mentee has no form of mentoring
ex-form-not-offered = the mentor does not mentor in this form
ex-already-paired = the mentee already has an active pair in this form
ex-not-older = in «student – student» the mentor must be older than the mentee
ex-not-more-experienced = in «teacher – teacher» the mentor needs at least 3 more years of experience
ex-career-classes = career guidance «employer – pupil» is for classes 8–11
ex-wrong-mentee = the form does not fit the mentee (pupil or teacher)
ex-other-school = the mentor is in another school and not both chose virtual mentoring
ex-other-municipality = the mentor is in another municipality
ex-same-school = the mentor is in the same school: the municipal round looks for mentors in other schools
ex-no-places = the mentor takes nobody now
ex-curator = the curator excluded this pair

crit-competences = Request and mentor's competences: { $matched } of { $asked } matched{ $list } — { $points } of { $max }
crit-subjects = Subject: { $subject } — { $points } of { $max }
crit-no-subject = Subject: none shared — { $points } of { $max }
crit-interests = Shared interests: { $count }{ $list } — { $points } of { $max }
crit-same-school = Same school — { $points } of { $max }
crit-other-school = Different schools (virtual mentoring) — { $points } of { $max }
crit-grade = Class { $grade } within the mentor's wish (classes { $lo }–{ $hi }) — { $points } of { $max }
crit-experience = The mentor has { $gap } more years of experience — { $points } of { $max }
crit-availability = Shared free time slots: { $slots } — { $points } of { $max }
crit-meeting = Can meet (in person or online) — { $points } of { $max }
crit-no-meeting = No common way to meet — { $points } of { $max }
crit-mutual = Chose each other after the group meeting — { $points } of { $max }
crit-chosen-by-mentee = The mentee chose the mentor after the group meeting — { $points } of { $max }
crit-chosen-by-mentor = The mentor chose the mentee after the group meeting — { $points } of { $max }
crit-not-chosen = Did not choose each other after the group meeting — { $points } of { $max }

unm-consent = no consent to personal data processing: no pairing until it is given
unm-no-candidates = no compatible mentor: { $reasons }
unm-curator = the curator excluded every compatible mentor
unm-full = every compatible mentor is full: { $taken }
unm-full-one = { $mentor } (places taken by { $mentees })
unm-full-more = ; and { $count } more { $count ->
    [one] mentor
   *[other] mentors
}
unm-count = { $reason } — { $count }

fields-ranks = mentee mentor score mentee_rank mentor_rank
fields-scores = mentee mentor score
fields-mentor = mentor capacity
fields-score-row = one score per mentor
fields-mentee-rank-row = one mentee_rank per mentor
fields-mentor-rank-row = one mentor_rank per mentor
