-- The bilingual edition's side-by-side passages (Divs of class "pair" holding
-- two Divs, each with its own lang attribute): a two-column grid in Typst, a
-- two-column layout table in Word.  HTML keeps the Divs; CSS lays them out.
-- Each passage keeps its Div, so its language tag reaches the output.
--
-- In Typst every data table sizes its columns to their content.  The Markdown
-- gives pipe tables fixed relative widths (from the length of their dashes);
-- Typst cannot wrap a word such as "Respondents" or "2023-24" inside a column
-- narrower than it, so the text overprints the next column or runs off the
-- page.  Auto columns wrap the long text columns and keep figures whole, in a
-- full-width page and in half of one.  Word and HTML wrap within fixed widths,
-- so they keep them.
--
-- In HTML every data table sits in a scrolling region of its own (focusable,
-- so it can be scrolled from the keyboard, and named by the table's caption),
-- so on a narrow screen a wide table scrolls rather than the whole page
-- (WCAG 1.4.10 Reflow); report.html styles the region (.table-wrap).
--
-- In Word the side-by-side layout table is given the custom style named by
-- LAYOUT_STYLE, which dirreport's Word finishing recognises: a layout table
-- gets no header row and no data-table style.

local LAYOUT_STYLE = "Bilingual Layout"

-- Inside a half-page column tables are set a little smaller.
local PAIR_OPEN = table.concat({
  "#[",
  "#show table: set text(size: 7.5pt)",
  "#set table(inset: (x: 2.5pt, y: 3pt))",
  "#grid(columns: (1fr, 1fr), column-gutter: 1.4em)[",
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

function Table(tbl)
  if FORMAT == "typst" then
    for i, spec in ipairs(tbl.colspecs) do
      tbl.colspecs[i] = { spec[1], pandoc.ColWidthDefault }
    end
    return tbl
  elseif FORMAT:match("^html") and quarto == nil then  -- Quarto's own page template styles its tables
    local label = pandoc.utils.stringify(tbl.caption.long)
    local attributes = { role = "region", tabindex = "0" }
    if label ~= "" then
      attributes["aria-label"] = label
    end
    return pandoc.Div({ tbl }, pandoc.Attr("", { "table-wrap" }, attributes))
  end
  return nil
end

function Div(el)
  if not el.classes:includes("pair") then
    return nil
  end
  local sides = sides_of(el)
  if #sides ~= 2 then
    return nil
  end
  if FORMAT == "typst" then
    return {
      pandoc.RawBlock("typst", PAIR_OPEN),
      sides[1],
      pandoc.RawBlock("typst", "]["),
      sides[2],
      pandoc.RawBlock("typst", "]]"),
    }
  elseif FORMAT == "docx" then
    local row = pandoc.Row({ pandoc.Cell({ sides[1] }), pandoc.Cell({ sides[2] }) })
    local body = { attr = pandoc.Attr(), body = { row }, head = {}, row_head_columns = 0 }
    local colspecs = { { pandoc.AlignDefault, 0.5 }, { pandoc.AlignDefault, 0.5 } }
    return pandoc.Table(pandoc.Caption(), colspecs, pandoc.TableHead(), { body }, pandoc.TableFoot(),
      pandoc.Attr("", { "pair" }, { ["custom-style"] = LAYOUT_STYLE }))
  end
  return nil
end
