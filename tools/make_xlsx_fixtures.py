#!/usr/bin/env python3
"""Writes the XLSX test fixtures in Tests/BulletinCoreTests/Fixtures/xlsx/ with openpyxl and LibreOffice.

openpyxl: a hidden first sheet, a merged group header over two rows, a mobile number stored as a number shown
as 1.38E+10, a date cell, rich text in a shared string, a blank row, an extra column.
LibreOffice: a CSV converted with `soffice --headless --convert-to xlsx` (what LibreOffice Calc writes).
"""
import csv, os, subprocess, sys, tempfile
from datetime import date
import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "BulletinCoreTests", "Fixtures", "xlsx")
LABELS = ["报送单位（产学研等单位）", "归口市（州）科技局或省直部门", "联系人", "联系手机", "成果名称", "成果来源", "案例简介"]
ROWS = [
    ["四川大学", "省教育厅", "张伟", 13800138000, "高熵合金低温韧化机理研究", "基础处",
     "在《Science》发表论文，揭示高熵合金在液氦温度下的孪晶韧化机理，总体达到国际领先水平。"],
    ["成都芯联微科技有限公司", "成都市科技局", "李娜", 13912345678, "5G小基站射频前端芯片国产化", "高新处",
     "实现国产化替代，累计销售收入2.3亿元，达到国内领先水平。"],
]

def openpyxl_fixture():
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "说明"
    hidden["A1"] = "填表说明：本表不要修改"
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("报送汇总")
    # Row 1: a merged title; row 2: merged group header "联系方式" over two columns is NOT a label row;
    # row 3: the labels, with 联系人 and 联系手机 under a merge? Keep row 3 plain; add one merged label cell.
    ws.merge_cells("A1:H1")
    ws["A1"] = "2026年11月重大科技成果案例报送汇总表"
    headers = LABELS + ["填报日期"]
    for i, h in enumerate(headers, start=1):
        ws.cell(row=2, column=i, value=h)
    # 案例简介 label merged over two header rows (row 2 and 3) to test merged header cells.
    for r, row in enumerate(ROWS, start=4):
        for i, v in enumerate(row, start=1):
            ws.cell(row=r, column=i, value=v)
        ws.cell(row=r, column=4).number_format = "0.00E+00"
        ws.cell(row=r, column=8, value=date(2026, 11, 20)).number_format = "yyyy/m/d"
    ws.merge_cells("A2:A3")  # 报送单位 spans two header rows
    for c in range(2, 9):
        ws.cell(row=3, column=c, value=None)
    # rich text title in row 4
    ws.cell(row=4, column=5).value = CellRichText([TextBlock(InlineFont(b=True), "高熵合金"), "低温韧化机理研究"])
    # a blank row 6, then a third row with a short mobile
    ws.cell(row=7, column=1, value="西南交通大学")
    ws.cell(row=7, column=3, value="王强")
    ws.cell(row=7, column=4, value="1370000111")
    ws.cell(row=7, column=5, value="高速列车转向架智能运维技术")
    wb.save(os.path.join(OUT, "openpyxl-汇总.xlsx"))

def libreoffice_fixture():
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "libreoffice-汇总.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(LABELS)
        for row in ROWS:
            w.writerow(row)
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", OUT, path],
                   check=True, stdout=subprocess.DEVNULL)

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    openpyxl_fixture()
    libreoffice_fixture()
    print("written to", os.path.abspath(OUT))

# The CSV fixtures in Tests/BulletinCoreTests/Fixtures/csv/ were saved from libreoffice-汇总.xlsx by LibreOffice Calc:
#   soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,CHARSET" libreoffice-汇总.xlsx
# with CHARSET 76 (UTF-8 → libreoffice-utf8.csv), 85 (GBK, Chinese simplified → libreoffice-gbk.csv) and
# 65535 (Unicode, UTF-16LE with BOM → libreoffice-utf16.csv).
