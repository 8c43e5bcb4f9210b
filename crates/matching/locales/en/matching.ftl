# Messages of the matching engine. The format messages match check.py word for word.
fmt-line = line { $line }
fmt-no-header = no header line
fmt-not-header = not a nastavnik-match header: expected 'nastavnik-match 1 sparse|dense ranks|scores MENTEES MENTORS EDGES'
fmt-version = unsupported format version { $version } (this is version 1)
fmt-layout = layout must be 'sparse' or 'dense', not { $value }
fmt-prefs = preferences must be 'ranks' or 'scores', not { $value }
fmt-count = { $name } must be an integer 0..2147483647, not { $value }
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
