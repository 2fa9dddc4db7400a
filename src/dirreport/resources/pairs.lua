-- The bilingual edition's side-by-side passages (Divs of class "pair" holding
-- two Divs, each with its own lang attribute): a two-column grid in Typst, a
-- two-column layout table in Word.  HTML keeps the Divs; CSS lays them out.
-- Each passage keeps its Div (or a Div with the same lang attribute for each
-- part of it), so its language tag reaches the output.
--
-- Text stands side by side, but a data table does not fit half of an A4 page:
-- its columns overprint in the PDF, and in Word a table inside a layout table
-- cannot repeat its header row.  Where both passages have the same tables and
-- charts in the same order (they are translations), they are cut at each:
-- runs of text side by side, each table and each chart across the page, since
-- at half a page a chart's lettering would be too small to read.  A chart or
-- table dirreport made is printed once, in both languages (the first
-- language's "bilingual-figure", standing in the second's "figure-slot"); an
-- author's own tables, one in each language, the first language's above the
-- second's.  Otherwise the two passages simply stand side by side.
--
-- In Typst every data table sizes its columns to their content.  The Markdown
-- gives pipe tables fixed relative widths (from the length of their dashes);
-- Typst cannot wrap a word such as "Respondents" or "2023-24" inside a column
-- narrower than it, so the text overprints the next column or runs off the
-- page.  Auto columns wrap the long text columns and keep figures whole.  Word
-- and HTML wrap within fixed widths, so they keep them.
--
-- In HTML every data table sits in a scrolling region of its own (focusable,
-- so it can be scrolled from the keyboard, and named by the table's caption;
-- report.html's script leaves it a Tab stop only while it does scroll),
-- so on a narrow screen a wide table scrolls rather than the whole page
-- (WCAG 1.4.10 Reflow); report.html styles the region (.table-wrap).
--
-- In HTML the first cell of each body row is a row header (th scope="row").
-- Every body cell also carries its column's name (data-label), so that on a
-- phone report.html can lay each row out as a card of "name: value" lines
-- with CSS alone; a column heading of one word (a year, "Wales") is marked
-- "keep" so that it never breaks, while longer headings wrap to fit the page.
--
-- In Word the side-by-side layout table is given the custom style named by
-- LAYOUT_STYLE, which dirreport's Word finishing recognises: a layout table
-- gets no header row and no data-table style.  Pictures in it are sized to
-- their half of the page, unless given a size that already fits it.

local LAYOUT_STYLE = "Bilingual Layout"
local HALF_WIDTH = "47%" -- of the text width: a layout table cell less its margins
local HALF_WIDTH_CM = 7.9 -- the same on A4 with margins of 2 cm, in centimetres

-- Inside a half-page column text and tables are set a little smaller and closer, as bilingual print
-- sets them, so the two languages take about as many pages as one and a third of one.
local PAIR_OPEN = table.concat({
  "#[",
  "#set text(size: 9pt)",
  "#set par(leading: 0.55em, spacing: 0.8em)",
  "#show table: set text(size: 7.5pt)",
  "#set table(inset: (x: 2.5pt, y: 3pt))",
  "#grid(columns: (1fr, 1fr), column-gutter: 1.2em)[",
}, "\n")

local function sides_of(el)
  local sides = {}
  for _, block in ipairs(el.content) do
    if block.t == "Div" then
      table.insert(sides, block)
    end
  end
  return sides
end

-- Each body row's first cell names the row (an indicator, a year): a header cell for its row.
local function row_headers(tbl)
  -- each column's name, from the last header row (a cell spanning columns names each of them)
  local names = {}
  for _, row in ipairs(tbl.head.rows) do
    names = {}
    for _, cell in ipairs(row.cells) do
      cell.attributes.scope = "col"
      local text = pandoc.utils.stringify(cell.contents)
      if text ~= "" and not text:find("%s") then
        cell.classes:insert("keep")
      end
      for _ = 1, cell.col_span do
        table.insert(names, text)
      end
    end
  end
  for _, body in ipairs(tbl.bodies) do
    body.row_head_columns = 1
    for _, row in ipairs(body.body) do
      row.cells[1].attributes.scope = "row"
      local column = 1
      for _, cell in ipairs(row.cells) do
        if names[column] and names[column] ~= "" then
          cell.attributes["data-label"] = names[column]
        end
        column = column + cell.col_span
      end
    end
  end
end

-- A table of at most this many rows is never split over two pages (a caption alone at a page's foot,
-- five rows over two pages); a longer one breaks, repeating its header row.
local SHORT_TABLE = 15

-- A table's height in lines, roughly: each row as tall as its longest cell, wrapped at about 25 characters
-- (a bilingual cell's two languages a line or more each).  A short table that is nonetheless tall (long
-- survey measures, both languages) breaks, so it never leaves most of a page empty before it.
local TALL = 20

local function lines_of(tbl)
  local function row_lines(row)
    local most = 1
    for _, cell in ipairs(row.cells) do
      local lines, breaks = 0, 0
      local text = pandoc.utils.stringify(cell.contents)
      pandoc.walk_block(pandoc.Div(cell.contents), { LineBreak = function() breaks = breaks + 1 end })
      lines = math.max(breaks + 1, math.ceil(#text / 25))
      most = math.max(most, lines)
    end
    return most
  end
  local count, rows = 0, 0
  for _, row in ipairs(tbl.head.rows) do
    count, rows = count + row_lines(row), rows + 1
  end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      count, rows = count + row_lines(row), rows + 1
    end
  end
  return count, rows
end

function Table(tbl)
  if FORMAT == "typst" then
    for i, spec in ipairs(tbl.colspecs) do
      tbl.colspecs[i] = { spec[1], pandoc.ColWidthDefault }
    end
    local lines, rows = lines_of(tbl)
    if rows <= SHORT_TABLE and lines <= TALL then
      -- made an unbreakable block at the end (Pandoc below), after the passages are paired
      return pandoc.Div({ tbl }, pandoc.Attr("", { "keep-whole" }))
    end
    return tbl
  elseif FORMAT:match("^html") and quarto == nil then -- Quarto's own page template styles its tables
    row_headers(tbl)
    local label = pandoc.utils.stringify(tbl.caption.long)
    -- a list of pairs, not a keyed table, so the attributes come out in the same order every time
    local attributes = { { "role", "region" }, { "tabindex", "0" } }
    if label ~= "" then
      table.insert(attributes, { "aria-label", label })
    end
    return pandoc.Div({ tbl }, pandoc.Attr("", { "table-wrap" }, attributes))
  end
  return nil
end

-- The bilingual edition prints each chart and table once in the PDF and Word, in both languages: the
-- first language's passage holds it (a Div of class "bilingual-figure"), the second's the same figure in
-- its own language in a slot (class "figure-slot") with its anchor.  Where the two stand in step, the
-- slot gives up its figure and keeps only its anchor, so links to it still arrive; elsewhere (the
-- passages differ) the slot's figure is printed as it is.
local function has_class(block, class)
  return block.t == "Div" and block.classes:includes(class)
end

-- A slot's anchor without its figure: in Typst a label on nothing that takes room, in Word a bookmark.
local function anchor_only(slot)
  if slot.identifier == "" then
    return {}
  end
  if FORMAT == "typst" then
    return { pandoc.RawBlock("typst", "#metadata(none) <" .. slot.identifier .. ">") }
  end
  return { pandoc.Div({}, pandoc.Attr(slot.identifier)) }
end

-- A table in both languages has a line for each in every cell that differs: set a little smaller and
-- closer, like the side-by-side text, so it takes little more room than one language's.
-- In Typst it stands on its own, not inside a block (which would keep a figure from floating to the
-- top or foot of a page): its anchor as a label, then its content; each half of its words carries its
-- own language.
local function bilingual_landmark(div)
  if FORMAT ~= "typst" then
    return { div }
  end
  local out = anchor_only(div)
  table.insert(out, pandoc.RawBlock("typst", "#[\n#show table: set text(size: 8pt)\n#set table(inset: (x: 3.5pt, y: 2.6pt))"))
  for _, block in ipairs(div.content) do
    table.insert(out, block)
  end
  table.insert(out, pandoc.RawBlock("typst", "]"))
  return out
end

-- Where the two passages are cut into step: a table, a chart (raw Typst #figure) or any other figure.
local function is_landmark(block)
  return block.t == "Table" or block.t == "Figure" or has_class(block, "keep-whole")
    or has_class(block, "bilingual-figure") or has_class(block, "figure-slot")
    or (block.t == "RawBlock" and block.format == "typst" and block.text:match("^%s*#figure%(") ~= nil)
end

-- A passage's blocks cut at its landmarks: the runs of blocks between them, and the landmarks.
local function cut(side)
  local runs, landmarks, run = {}, {}, {}
  for _, block in ipairs(side.content) do
    if is_landmark(block) then
      table.insert(runs, run)
      table.insert(landmarks, block)
      run = {}
    else
      table.insert(run, block)
    end
  end
  table.insert(runs, run)
  return runs, landmarks
end

-- Part of a passage, still in the passage's language.
local function part(side, blocks)
  return pandoc.Div(blocks, pandoc.Attr("", {}, side.attributes))
end

-- A passage's blocks cut before each heading, a heading's opening (its headings and the block after them)
-- apart from the rest of its section.
local function openings(blocks)
  local steps, step = {}, {}
  local function close()
    if #step > 0 then
      table.insert(steps, step)
    end
    step = {}
  end
  for i, block in ipairs(blocks) do
    if block.t == "Header" and (i == 1 or blocks[i - 1].t ~= "Header") then
      close()
    end
    table.insert(step, block)
    if block.t ~= "Header" and step[1].t == "Header" and step[#step - 1].t == "Header" then
      close() -- the heading's opening: the rest of its section follows in a row of its own
    end
  end
  close()
  return steps
end

-- The rows of Word's layout table: where both passages have their headings in step, each heading's
-- opening in a row of its own (which Word's finishing keeps from splitting, so a heading never ends a
-- page with its text on the next: no word processor keeps a paragraph with the next inside a table
-- cell) and the rest of its section in the next row, free to flow; otherwise the two passages whole.
local function in_step(first, second)
  local first_steps, second_steps = openings(first.content), openings(second.content)
  local function same_shape()
    if #first_steps ~= #second_steps then
      return false
    end
    for i, step in ipairs(first_steps) do
      if (step[1].t == "Header") ~= (second_steps[i][1].t == "Header") then
        return false
      end
    end
    return true
  end
  if #first_steps < 2 or not same_shape() then
    return { { first, second } }
  end
  local steps = {}
  for i, step in ipairs(first_steps) do
    table.insert(steps, { pandoc.Div(step, first.attr), pandoc.Div(second_steps[i], second.attr) })
  end
  return steps
end

local function side_by_side(first, second)
  if FORMAT == "typst" then
    return { pandoc.RawBlock("typst", PAIR_OPEN), first, pandoc.RawBlock("typst", "]["), second,
      pandoc.RawBlock("typst", "]]") }
  end
  local half = {
    Image = function(image)
      -- a picture given a size that fits its half (a foreword's photo and signature) keeps that size, as
      -- in one language's edition; any other is sized to its half of the page
      local cm = tonumber((image.attributes.width or ""):match("^([%d.]+)cm$"))
      if cm ~= nil and cm <= HALF_WIDTH_CM then
        return image
      end
      image.attributes.width = HALF_WIDTH
      image.attributes.height = nil
      return image
    end,
  }
  local rows = {}
  for _, step in ipairs(in_step(first, second)) do
    table.insert(rows, pandoc.Row({ pandoc.Cell({ pandoc.walk_block(step[1], half) }),
      pandoc.Cell({ pandoc.walk_block(step[2], half) }) }))
  end
  local body = { attr = pandoc.Attr(), body = rows, head = {}, row_head_columns = 0 }
  local colspecs = { { pandoc.AlignDefault, 0.5 }, { pandoc.AlignDefault, 0.5 } }
  return { pandoc.Table(pandoc.Caption(), colspecs, pandoc.TableHead(), { body }, pandoc.TableFoot(),
    pandoc.Attr("", { "pair" }, { ["custom-style"] = LAYOUT_STYLE })) }
end

-- A run's headings at its end, taken off it: in Word they lead the table or chart that follows, each in its
-- language, since no word processor keeps the last row of a layout table on the page of what comes after it.
local function trailing_headings(run)
  local last = #run
  while last > 0 and run[last].t == "Header" do
    last = last - 1
  end
  if last == #run then
    return run, {}
  end
  local kept, lead = {}, {}
  for i, block in ipairs(run) do
    table.insert(i <= last and kept or lead, block)
  end
  return kept, lead
end

local function pair(first, second)
  local first_runs, first_landmarks = cut(first)
  local second_runs, second_landmarks = cut(second)
  if #first_landmarks == 0 or #first_landmarks ~= #second_landmarks then
    return side_by_side(first, second)
  end
  local blocks = {}
  local function add(list)
    for _, block in ipairs(list) do
      table.insert(blocks, block)
    end
  end
  for i, first_run in ipairs(first_runs) do
    local second_run = second_runs[i]
    local first_landmark, second_landmark = first_landmarks[i], second_landmarks[i]
    local first_lead, second_lead = {}, {}
    if first_landmark and FORMAT == "docx" then
      first_run, first_lead = trailing_headings(first_run)
      second_run, second_lead = trailing_headings(second_run)
    end
    if #first_run > 0 or #second_run > 0 then
      add(side_by_side(part(first, first_run), part(second, second_run)))
    end
    if first_landmark and has_class(first_landmark, "bilingual-figure") and has_class(second_landmark, "figure-slot") then
      -- one chart or table in both languages, across the page, after the headings that lead to it (each
      -- language's); the second language's anchor before it
      if #first_lead > 0 or #second_lead > 0 then
        add({ part(first, first_lead), part(second, second_lead) })
      end
      add(anchor_only(second_landmark))
      add(bilingual_landmark(first_landmark))
    elseif first_landmark then
      -- tables and charts need the whole width to be read: the first language's above the second's
      table.insert(first_lead, first_landmark)
      table.insert(second_lead, second_landmark)
      add({ part(first, first_lead), part(second, second_lead) })
    end
  end
  return blocks
end

-- A line break inside a table's cell or a caption, which pandoc's pipe tables cannot write: between the
-- two languages of a bilingual table's cell ([]{.line-break}).
function Span(el)
  if el.classes:includes("line-break") and #el.content == 0 then
    return pandoc.LineBreak()
  end
  return nil
end

function Div(el)
  if not el.classes:includes("pair") then
    return nil
  end
  local sides = sides_of(el)
  if #sides ~= 2 or (FORMAT ~= "typst" and FORMAT ~= "docx") then
    return nil
  end
  return pair(sides[1], sides[2])
end

-- Last, in Typst: each short table an unbreakable block, so it moves whole to the next page.
function Pandoc(doc)
  if FORMAT ~= "typst" then
    return nil
  end
  return doc:walk({
    Div = function(el)
      if not el.classes:includes("keep-whole") then
        return nil
      end
      local out = { pandoc.RawBlock("typst", "#block(breakable: false)[") }
      for _, block in ipairs(el.content) do
        table.insert(out, block)
      end
      table.insert(out, pandoc.RawBlock("typst", "]"))
      return out
    end,
  })
end
