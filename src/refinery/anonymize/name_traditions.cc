#include "refinery/anonymize/name_traditions.h"

#include <algorithm>

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "refinery/anonymize/person_names.h"
#include "refinery/core/ascii.h"
#include "refinery/detect/name_gazetteer.h"
#include "refinery/detect/ner_forms.h"

namespace refinery::anon {

namespace {

// Common given names (women's, men's) and family names of each tradition, written for the
// project as people of that language write them. A name that two traditions' lists hold counts
// for neither when an original is classified ("Jan" is Dutch and Polish), but is drawn for both.
struct Pool {
  NameTradition tradition;
  std::string_view name;
  std::string_view female, male, family;  // space-separated
};

constexpr Pool kPools[] = {
    {NameTradition::kGerman, "German",
     "Anna Lena Julia Sophie Katharina Sabine Ursula Monika Petra Claudia Andrea Stefanie Birgit "
     "Heike Gisela Ingrid Hannelore Annika Franziska Johanna Charlotte Greta Mareike Silke Dörte",
     "Lukas Jonas Maximilian Felix Leon Tobias Florian Stefan Thomas Jürgen Klaus Wolfgang Dieter "
     "Uwe Matthias Andreas Markus Sebastian Jens Torsten Holger Rüdiger Volker Bernd Helmut",
     "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
     "Bauer Richter Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Schmitt "
     "Werner Krause Lehmann Köhler Herrmann Huber Fuchs Schubert Ziegler Kühn Bergmann Voigt "
     "Sauer Baumgartner Gruber Eder Pichler Moser Steiner Hofer Lindner Scheffler Wendt "
     "Schulze Schumacher Jung Hahn Keller Berger Günther Schreiber Ludwig Winkler "
     "Jäger Stein Böhm Dietrich Kraft Ritter Seidel Kuhn Heinrich Albrecht Schuster Kühne "
     "Pfeiffer Lorenz Haase Sommer Kraus Böttcher Schwab Graf Thiel Vogt Stahl "
     "Ziegler Dittrich Wolff Friedrich Seifert Hübner Ebert Nowotny Reichert Schütz Kretschmer"},
    {NameTradition::kDutch, "Dutch",
     "Sanne Lotte Femke Anouk Eva Lieke Marieke Inge Mieke Annelies Ingrid Wilma Tineke Esther "
     "Fleur Noor Sophie Roos Maaike Marloes Ilse Joke Els",
     "Daan Sem Bram Thijs Joost Pieter Jeroen Bas Sander Ruud Wouter Maarten Niels Koen Stijn "
     "Gijs Arjen Hendrik Willem Dirk Kees Gert Henk Johan Sjoerd",
     "Jansen Bakker Visser Smit Meijer Mulder Bos Vos Hendriks Dekker Brouwer Dijkstra "
     "Smits Kok Vermeulen Willems Hoekstra Koster Prins Huisman Kuipers Veenstra Schouten "
     "Postma Timmermans Groen Verhoeven Wouters Boer Maas Peeters Janssens Claes Goossens Vries "
     "Jong Graaf Groot Wit Bruijn Haan Ruiter Waal Koning Leeuw Bruin Heer Molenaar Blom "
     "Kuijpers Scholten Verbeek Veenstra Zwart Hermans Boersma Kramer Jonker Martens Evers "
     "Hoogendoorn Verschuren Bosman Koopman Schipper Verbruggen Vermeer Mertens"},
    {NameTradition::kNordic, "Nordic",
     "Ingrid Astrid Sigrid Karin Maja Elsa Ebba Linnea Freja Ida Sofie Mette Hanne Kirsten Liv "
     "Solveig Sunniva Malin Frida Birgitta Signe Tove Ragnhild Åsa",
     "Lars Anders Erik Nils Magnus Johan Henrik Olof Sven Per Mikael Fredrik Gustav Björn Oskar "
     "Kasper Mads Rasmus Søren Jesper Morten Torbjørn Håkon Eirik Leif",
     "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
     "Pettersson Lindberg Lindström Lindqvist Bergström Lundgren Sandberg Holm Nyström Ekström "
     "Hansen Jensen Nielsen Pedersen Christensen Rasmussen Sørensen Johansen Olsen Berg Haugen "
     "Bakke Solberg Dahl Halvorsen Kristiansen"},
    {NameTradition::kFinnish, "Finnish",
     "Aino Helmi Aada Emilia Kaisa Liisa Marjatta Tuula Päivi Riitta Sanna Minna Satu Hanna "
     "Johanna Katja Leena Elina Noora Sirpa Pirjo Anneli",
     "Juhani Matti Mikko Jukka Timo Antti Pekka Kari Jari Heikki Petri Janne Ville Tuomas "
     "Olli Eero Lauri Aleksi Veeti Onni Eino Väinö",
     "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen "
     "Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen Turunen "
     "Salo Laitinen Tuominen Rantanen Karjalainen Jokinen Mattila Savolainen Lahtinen Ahonen"},
    {NameTradition::kFrench, "French",
     "Camille Chloé Manon Léa Inès Juliette Élodie Mathilde Céline Sandrine Nathalie Isabelle "
     "Sylvie Brigitte Françoise Amélie Margaux Clémence Océane Solène Aurélie Delphine Agnès "
     "Gaëlle Maëlle",
     "Théo Hugo Louis Jules Mathis Antoine Julien Nicolas Sébastien Guillaume Benoît Jérôme "
     "Laurent Olivier Thierry Philippe Pascal François Didier Yannick Arnaud Cédric Fabrice "
     "Grégoire Loïc",
     "Dubois Durand Lefebvre Leroy Moreau Bertrand Roux Fournier Morel Girard Mercier Dupont "
     "Bonnet Legrand Garnier Faure Rousseau Blanc Guérin Roussel Perrin Morin Mathieu Gauthier "
     "Dumont Fontaine Chevalier Masson Boyer Marchand Lemaire Charpentier Deschamps Giraud "
     "Lacroix Brunet Boucher Caron Leclerc Lemoine Renaud Picard Barbier Arnaud Rolland Lefèvre "
     "Lefebre Mallet Hamon Maillard Lebrun Leblanc Lemaître Poirier Collin Meunier "
     "Bouvier Carpentier Huet Colin Perret Aubert Gaillard Dupuis Baron Barre "
     "Cordier Tessier Leroux Jacquet Gilbert Fleury Benoît Hubert Julien Pelletier Besson"},
    {NameTradition::kItalian, "Italian",
     "Giulia Chiara Francesca Federica Valentina Alessia Martina Sara Elisa Silvia Paola "
     "Giovanna Rosa Lucia Antonella Daniela Roberta Simona Ilaria Beatrice Aurora Ginevra "
     "Raffaella Loredana Carmela",
     "Giuseppe Giovanni Antonio Francesco Mario Luigi Angelo Vincenzo Pietro Salvatore Carlo "
     "Franco Domenico Bruno Paolo Michele Giorgio Alessandro Lorenzo Matteo Riccardo Davide "
     "Stefano Massimo Gianluca",
     "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti "
     "Costa Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi "
     "Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola "
     "Villa Marchetti Parisi Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala Pellegrini"},
    {NameTradition::kSpanish, "Spanish",
     "Lucía Sofía Martina María Carmen Paula Laura Marta Elena Cristina Pilar Rocío Nerea "
     "Alba Ainhoa Itziar Montserrat Inmaculada Guadalupe Ximena Valentina Camila Daniela "
     "Fernanda Mercedes",
     "Alejandro Pablo Javier Sergio Jorge Alberto Álvaro Diego Adrián Iker Raúl Rubén Íñigo "
     "Gonzalo Ignacio Joaquín Santiago Mateo Sebastián Andrés Emilio Fernando Ramón Rodrigo "
     "Jesús",
     "García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Jiménez "
     "Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres "
     "Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado "
     "Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos "
     "Guerrero Lozano Cano Prieto Méndez Cruz Calvo Gallego Vidal León Herrera Márquez Peña "
     "Flores Cabrera Campos Vega Fuentes Carrasco Aguilar Mendoza Echeverría Etxeberria "
     "Nieto Pascual Santana Herrero Montero Lorenzo Hidalgo Giménez Ibáñez Ferrer Durán "
     "Caballero Vicente Benítez Mora Arias Vargas Carmona Crespo Román Pastor Soto Sáez "
     "Velasco Moya Soler Parra Esteban Bravo Gallardo Rojas Pardo Merino Franco Espinosa "
     "Izquierdo Lara Rivas Rivera Casado Arroyo Redondo Camacho Rey Vera Otero Luque "
     "Galán Montes Ríos Sierra Segura Carrillo Marcos Marín Soriano Mendez Bernal Barrios "
     "Figueroa Aragón Corral Cuenca Quintana Salazar Valencia Valero Maldonado Miranda"},
    {NameTradition::kPortuguese, "Portuguese",
     "Beatriz Leonor Matilde Carolina Mariana Inês Francisca Joana Rita Catarina Fernanda "
     "Juliana Larissa Gabriela Letícia Vitória Conceição Graça Fátima Adriana Tatiana Luíza "
     "Raquel Bruna Thaís",
     "João Tiago Duarte Rodrigo Gonçalo Afonso Francisco Miguel Rafael Diogo Nuno Rui Paulo "
     "Vítor Sérgio Luís Guilherme Gustavo Leonardo Thiago Felipe Bruno Caio Renato Márcio",
     "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes "
     "Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira "
     "Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Raposo Neves Coelho Cruz "
     "Cunha Pires Ramos Reis Simões Antunes Matos Fonseca Machado Araújo Barbosa Azevedo "
     "Nascimento Lima Cavalcanti Magalhães"},
    {NameTradition::kPolish, "Polish",
     "Zofia Zuzanna Maja Hanna Julia Lena Aleksandra Natalia Agnieszka Małgorzata Katarzyna "
     "Joanna Magdalena Ewa Barbara Krystyna Elżbieta Danuta Grażyna Bożena Jadwiga Halina "
     "Dorota Beata Iwona",
     "Jakub Antoni Szymon Filip Kacper Wojciech Piotr Krzysztof Tomasz Paweł Michał Marcin "
     "Grzegorz Łukasz Mariusz Dariusz Zbigniew Jerzy Tadeusz Andrzej Stanisław Józef Ryszard "
     "Bartosz Mateusz",
     "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
     "Woźniak Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek "
     "Piotrowski Grabowski Zając Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski "
     "Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Nowicki Pawlak Górski "
     "Witkowski Walczak Sikora Baran Rutkowski Michalak Szewczyk Ostrowski Tomaszewski "
     "Zalewski Wróblewski Jasiński Marciniak Zawadzki Bąk Jakubowski Sadowski Duda "
     "Włodarczyk Wilk Chmielewski Borkowski Sokołowski Szczepański Sawicki Lis Kubiak "
     "Maciejewski Kalinowski Mazurek Wysocki Kołodziej Kaźmierczak Czarnecki Konieczny "
     "Urbański Głowacki Wasilewski Sobczak Czerwiński Andrzejewski Cieślak Zakrzewski"},
    {NameTradition::kEastSlavic, "Russian / Ukrainian / Belarusian",
     "Anastasia Olga Natalia Irina Svetlana Tatiana Yelena Ekaterina Yulia Marina Oksana "
     "Lyudmila Galina Valentina Nadezhda Darya Polina Kseniya Alina Viktoria Larisa Zoya "
     "Vera Lyubov",
     "Alexei Dmitri Sergei Andrei Ivan Nikolai Mikhail Vladimir Yuri Oleg Igor Pavel Viktor "
     "Boris Anatoly Konstantin Maxim Artem Taras Bohdan Mykola Oleksandr Dmytro Vasily Gennady",
     "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov "
     "Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov "
     "Andreev Makarov Nikitin Zakharov Zaitsev Solovyov Borisov Yakovlev Grigoriev Romanov "
     "Vorobyov Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Moroz "
     "Lysenko Marchenko Savchenko Rudenko Petrenko Kovalchuk Polishchuk Tkachuk"},
    {NameTradition::kCzech, "Czech / Slovak",
     "Jana Eva Hana Lenka Kateřina Lucie Petra Veronika Martina Tereza Michaela Jitka Zuzana "
     "Markéta Barbora Alena Ivana Monika Pavla Dagmar Eliška Adéla Klára Simona Radka",
     "Petr Josef Pavel Tomáš Jaroslav Miroslav Zdeněk Václav Michal František Jiří Karel "
     "Milan Lukáš Jakub Ondřej Vojtěch Radek Vladimír Stanislav Ladislav Bohumil Matěj "
     "Dominik Marek",
     "Svoboda Novotný Dvořák Černý Procházka Kučera Veselý Horák Němec Pospíšil "
     "Pokorný Hájek Jelínek Růžička Beneš Fiala Sedláček Doležal Zeman Kolář Navrátil Čermák "
     "Vaněk Blažek Kříž Kovář Bartoš Vlček Polák Musil Kopecký Šimek Konečný Malý Holub "
     "Štěpánek Kadlec Staněk Dostál Soukup Šťastný Mareš Moravec Sýkora Tichý Valenta "
     "Kratochvíl Hrubý Řezníček Vávra Skála Kováč Baláž Oravec Hudák Lukáč"},
    {NameTradition::kSouthSlavic, "South Slavic",
     "Ana Ivana Marija Jelena Milica Jovana Maja Katarina Dragana Snežana Mirjana Vesna "
     "Gordana Ljiljana Tamara Nataša Biljana Sanja Tijana Petra Lejla Amra Emina Aida",
     "Marko Luka Stefan Nikola Milan Dragan Goran Zoran Nenad Dejan Bojan Miloš Aleksandar "
     "Vuk Ivica Damir Tomislav Josip Mirko Dušan Haris Emir Edin Tarik Srđan",
     "Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović "
     "Milošević Popović Đukić Kovačević Horvat Kovačić Babić Marić Jurić Novak Knežević "
     "Vuković Perić Tomić Pavić Radić Šarić Hodžić Hadžić Begić Delić Mehmedović Kurtović"},
    {NameTradition::kGreek, "Greek",
     "Maria Eleni Aikaterini Vasiliki Sofia Angeliki Dimitra Georgia Eirini Konstantina "
     "Paraskevi Christina Panagiota Despoina Evangelia Chrysa Theodora Athina Ioanna Stavroula",
     "Georgios Dimitrios Konstantinos Ioannis Nikolaos Panagiotis Christos Vasileios "
     "Athanasios Evangelos Michail Spyridon Theodoros Stavros Apostolos Kostas Giannis Nikos "
     "Yiannis Stelios Thanasis",
     "Papadopoulos Papadopoulou Georgiou Nikolaou Konstantinidis Papageorgiou Vasileiou "
     "Oikonomou Dimitriou Ioannou Makris Antoniou Christodoulou Karagiannis Papanikolaou "
     "Pappas Angelopoulos Athanasiou Michailidis Theodorou Stavrou Alexiou Katsaros "
     "Giannakopoulos Panagiotopoulos Kyriakidis Economou Mavridis Anastasiou Tsoukalas"},
    {NameTradition::kTurkish, "Turkish",
     "Zeynep Elif Ayşe Fatma Emine Hatice Merve Büşra Esra Özlem Gül Sevgi Derya Selin Ebru "
     "Deniz Aslı Melek Nur Yasemin Hülya Sibel Tuğba Gamze",
     "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Serkan Kemal Cem Onur "
     "Barış Tolga Oğuz Volkan Uğur Gökhan Yusuf Eren Kaan Arda Berk",
     "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç "
     "Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Aksoy "
     "Güler Akın Bulut Karaca Acar Güneş Tekin Ünal Kaplan Bozkurt Aktaş Karaoğlu Kahraman"},
    {NameTradition::kHungarian, "Hungarian",
     "Zsófia Anna Eszter Katalin Erzsébet Ilona Judit Zsuzsanna Ágnes Krisztina Mónika "
     "Andrea Boglárka Réka Dóra Fanni Hanna Noémi Gabriella Tímea Orsolya Enikő",
     "László István József János Zoltán Sándor Gábor Ferenc Attila Péter Tamás Zsolt Balázs "
     "Levente Bence Máté Dávid Ádám Bálint Csaba Gergely Imre Miklós Tibor Lajos",
     "Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács "
     "Juhász Lakatos Mészáros Oláh Simon Rácz Fekete Szilágyi Török Fehér Balázs Gál Kis "
     "Szűcs Kocsis Orsós Pintér Fodor Szalai Sipos Magyar Lukács Gulyás Bíró Király Katona"},
    {NameTradition::kRomanian, "Romanian",
     "Ioana Andreea Elena Maria Alexandra Mihaela Cristina Georgiana Gabriela Ana Roxana "
     "Alina Diana Simona Raluca Oana Irina Bianca Daniela Corina Larisa Denisa",
     "Andrei Alexandru Ionuț Mihai Ștefan Gabriel Florin Cristian Marius Adrian Bogdan Vlad "
     "Răzvan Sorin Dorin Ciprian Cosmin Liviu Radu Ovidiu Costel Dumitru Gheorghe Vasile",
     "Popescu Ionescu Popa Pop Radu Dumitru Stoica Stan Gheorghe Matei Ciobanu Rusu Munteanu "
     "Constantin Marin Moldovan Mihai Florea Dinu Lungu Barbu Georgescu Tudor Ene Cristea "
     "Dobre Nistor Preda Anghel Neagu Stanciu Diaconu Dragomir Vasilescu Nedelcu Mocanu"},
    {NameTradition::kArabic, "Arabic",
     "Fatima Aisha Maryam Noor Layla Zainab Huda Amira Salma Rania Dalia Hana Yasmin Lina "
     "Samira Nadia Rana Mona Reem Dana Heba Asma Khadija Sara Lubna",
     "Mohammed Ahmed Ali Omar Khalid Youssef Hassan Hussein Ibrahim Mahmoud Mustafa Tariq "
     "Karim Samir Walid Faisal Hamza Bilal Anas Ziad Nabil Rami Fadi Jamal Saeed",
     "Al-Sayed Haddad Khoury Nasser Hamdan Mansour Saleh Abdullah Rahman Aziz Karimi Farouk "
     "Hassan Mahmoud Ibrahim Suleiman Khalil Darwish Qasim Yousef Bakr Othman Al-Hashimi "
     "Al-Masri Al-Rashid Al-Amin El-Sayed Abboud Awad Barakat Jaber Najjar Saadi Hijazi "
     "Tahan Shaheen Zaki Fares Habib"},
    {NameTradition::kPersian, "Persian",
     "Maryam Zahra Fatemeh Narges Shirin Leila Parisa Roya Nasrin Mahsa Niloufar Azadeh "
     "Shabnam Golnar Yasaman Mina Sepideh Ladan Bahar Elham Farnaz",
     "Reza Ali Mohammad Hossein Mehdi Amir Hamid Saeed Behzad Dariush Farhad Kourosh Babak "
     "Arash Siavash Omid Navid Payam Ramin Shahram Kamran Bijan",
     "Hosseini Ahmadi Mohammadi Rezaei Karimi Moradi Jafari Rahimi Ghasemi Sadeghi "
     "Hashemi Mousavi Kazemi Rostami Tehrani Shirazi Esfahani Farahani Najafi Amini Ebrahimi "
     "Zamani Akbari Soltani Nazari Kamali Bagheri Alavi Yazdani Rahmani"},
    {NameTradition::kSouthAsian, "South Asian",
     "Priya Ananya Aditi Kavya Divya Pooja Neha Shreya Anjali Sneha Deepika Lakshmi Meera "
     "Sunita Rekha Nandini Ishita Aishwarya Swati Sanjana Farzana Nusrat Ayesha Bushra",
     "Rahul Arjun Rohan Vikram Amit Sanjay Rajesh Suresh Anil Vijay Arun Karthik Venkatesh "
     "Pradeep Manoj Aditya Siddharth Harish Ramesh Nikhil Gaurav Deepak Prakash Sunil",
     "Sharma Patel Singh Kumar Gupta Reddy Rao Iyer Nair Menon Pillai Verma Joshi Mehta Shah "
     "Desai Kulkarni Bhat Chatterjee Banerjee Mukherjee Das Bose Ghosh Sen Agarwal Malhotra "
     "Kapoor Chopra Saxena Mishra Pandey Tiwari Yadav Chauhan Naidu Krishnan Subramanian "
     "Rajan"},
    // Muslim names of Pakistan, Bangladesh and India apart: "Rahul Verma" got "Tariq Iyer".
    {NameTradition::kSouthAsianMuslim, "Pakistani / Bangladeshi",
     "Farzana Nusrat Ayesha Bushra Sana Hina Mahnoor Rukhsana Shabana Nazia Sadia Tahmina "
     "Fariha Nasreen Saima Rubina Iqra Areeba Mehwish Samina",
     "Imran Faisal Asif Tariq Junaid Usman Bilal Kamran Shahid Waqar Zubair Rashid Naveed "
     "Adnan Arif Farhan Rizwan Sohail Tanvir Mahbub",
     "Qureshi Siddiqui Chaudhry Malik Hussain Akhtar Hossain Chowdhury Khan Butt Sheikh "
     "Mirza Baig Rana Abbasi Ansari Haque Islam Uddin Bhuiyan Sarkar Mahmood Raza Zaidi "
     "Naqvi Rizvi Jaffery Awan Bajwa"},
    {NameTradition::kChinese, "Chinese",
     "Mei Ling Xiu Hui Fang Jing Yan Li Na Xin Yu Ting Lan Qing Hong Xia Yun Wen Jia Min",
     "Wei Jun Hao Lei Jie Tao Ming Qiang Bo Chen Yong Feng Gang Hua Jian Peng Kai Long Zhen Bin",
     "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo "
     "Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang "
     "Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Fu Zhong Cui Tan Liao Fan Wong Chan Leung "
     "Cheung Lau Ng Tsang Ho Yeung Kwok"},
    {NameTradition::kJapanese, "Japanese",
     "Yuki Sakura Haruka Aoi Yui Hina Misaki Ayaka Nanami Mai Emi Keiko Naoko Yoko Akiko "
     "Tomoko Kumiko Mayumi Rie Asuka Chihiro Megumi Noriko Kaori",
     "Haruto Sota Yuto Ren Takumi Hiroshi Takeshi Kenji Satoshi Daisuke Kazuki Ryota Shota "
     "Kenta Yusuke Naoki Tatsuya Makoto Akira Hideo Masato Koji Yuji Shinji Tomohiro",
     "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
     "Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda "
     "Hashimoto Yamashita Ishikawa Nakajima Maeda Fujita Ogawa Goto Okada Hasegawa Murakami "
     "Kondo Ishii Saito Sakamoto Endo Aoki Fujii Nishimura Fukuda Ota Miura Fujiwara Okamoto"},
    {NameTradition::kKorean, "Korean",
     "Ji-woo Seo-yeon Min-seo Ha-eun Ji-yoo Seo-yun Su-ah Ye-eun Ji-min Hye-jin Eun-ji "
     "So-yeon Yu-na Min-ji Soo-jin Hyun-joo Mi-kyung Jung-hee Young-mi Na-rae",
     "Min-jun Seo-jun Do-yun Ye-jun Si-woo Ha-joon Ji-ho Joon-ho Jae-won Dong-hyun Sung-min "
     "Hyun-woo Ji-hoon Tae-yang Woo-jin Sang-hoon Kyung-soo Young-ho Jin-woo Seung-hyun",
     "Kim Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon "
     "Hong Yoo Ko Moon Yang Son Bae Baek Heo Nam Noh Ha Kwak Sung Cha Joo Woo Min Ryu Jin"},
    {NameTradition::kVietnamese, "Vietnamese",
     "Linh Anh Huong Lan Mai Trang Thao Ngoc Phuong Hoa Thu Hang Nhung Yen Quynh Diep Vy "
     "Chau Tuyet Hanh",
     "Minh Huy Duc Tuan Hung Long Quang Nam Khanh Bao Dung Thanh Trung Phong Vinh Hieu Tai "
     "Son Cuong Dat",
     "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Dao Dinh Truong "
     "Mai Lam Trinh Luong Ta Cao Quach Luu Vuong"},
    {NameTradition::kWestAfrican, "West African",
     "Ngozi Chiamaka Adaeze Chinwe Nkechi Ifeoma Amaka Funmilayo Folake Yetunde Bukola "
     "Temitope Omolara Abimbola Aisha Hauwa Zainab Ama Akosua Abena Efua Afia Adwoa Esi",
     "Chukwuemeka Chinedu Obinna Ikenna Emeka Nnamdi Oluwaseun Babatunde Olumide Tunde "
     "Adewale Femi Kayode Segun Musa Ibrahim Abubakar Kwame Kofi Kwabena Yaw Kojo Kwaku",
     "Okafor Okonkwo Eze Nwosu Okeke Obi Nwachukwu Chukwu Onyeka Okoro Adeyemi Adebayo "
     "Ogunleye Olawale Oyelaran Adeleke Babalola Ogunbiyi Afolabi Balogun Akinola Abubakar "
     "Bello Musa Danjuma Yusuf Mensah Owusu Boateng Asante Osei Agyeman Appiah Ofori Darko"},
    {NameTradition::kHebrew, "Hebrew",
     "Noa Tamar Shira Yael Maya Michal Efrat Hadas Liora Orly Ayelet Dafna Galit Keren Neta "
     "Rivka Sarit Tali Yarden Adi",
     "Yosef Moshe Avraham David Yitzhak Eitan Noam Ariel Uri Amir Gil Itai Oren Ronen Tomer "
     "Yoav Nadav Omer Eyal Shlomo",
     "Cohen Levi Mizrahi Peretz Biton Dahan Avraham Friedman Azoulay Malka Katz Amsalem "
     "Ohana Shapiro Ben-David Yosef Ashkenazi Gabay Segal Levin Rosenberg Shalom Hadad "
     "Ben-Ami Golan Carmeli Navon Sharabi Elbaz"},
};

std::vector<std::string_view> Split(std::string_view list) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < list.size();) {
    const size_t j = std::min(list.find(' ', i), list.size());
    if (j > i) out.push_back(list.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

struct Lists {
  std::array<std::vector<std::string_view>, static_cast<size_t>(NameTradition::kCount)> female,
      male, family;
  // Folded name -> its tradition (kCount when two traditions' lists hold it) and its spelling
  // in the list; given and family names apart ("Simon" is a French family name and a given
  // name of many).
  struct Entry {
    NameTradition tradition;
    std::string_view spelling;
  };
  std::unordered_map<std::string, Entry> given_of, family_of;
  // Folded given name -> 1 a woman's, 0 a man's, -1 both (in any tradition's lists).
  std::unordered_map<std::string, int> gender_of;
};

void Index(std::unordered_map<std::string, Lists::Entry>& map, std::string_view name,
           NameTradition t) {
  auto [it, fresh] = map.emplace(pii::FoldNameToAscii(name), Lists::Entry{t, name});
  if (!fresh && it->second.tradition != t) it->second.tradition = NameTradition::kCount;
}

const Lists& GetLists() {
  static const Lists lists = [] {
    Lists l;
    for (const Pool& p : kPools) {
      const size_t t = static_cast<size_t>(p.tradition);
      l.female[t] = Split(p.female);
      l.male[t] = Split(p.male);
      l.family[t] = Split(p.family);
      for (auto* v : {&l.female[t], &l.male[t]})
        for (std::string_view n : *v) {
          Index(l.given_of, n, p.tradition);
          const int g = v == &l.female[t] ? 1 : 0;
          auto [it, fresh] = l.gender_of.emplace(pii::FoldNameToAscii(n), g);
          if (!fresh && it->second != g) it->second = -1;
        }
      for (std::string_view n : l.family[t]) Index(l.family_of, n, p.tradition);
    }
    return l;
  }();
  return lists;
}

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() > tail.size() + 1 && s.substr(s.size() - tail.size()) == tail;
}

// Whether `s` ends in `tail` after at least one byte of its own ("Nowakowska" in "ska").
bool HasEnding(std::string_view s, std::string_view tail) {
  return s.size() > tail.size() && s.ends_with(tail);
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// A family name's tradition by its ending (folded to ASCII, lower case) or by a letter written
// only in some languages (as written, UTF-8).
NameTradition FamilyByForm(std::string_view written, const std::string& key) {
  struct Ending {
    std::string_view tail;
    NameTradition tradition;
  };
  static constexpr Ending kEndings[] = {
      {"ski", NameTradition::kPolish},       {"ska", NameTradition::kPolish},
      {"cki", NameTradition::kPolish},       {"cka", NameTradition::kPolish},
      {"dzki", NameTradition::kPolish},      {"wicz", NameTradition::kPolish},
      {"czyk", NameTradition::kPolish},      {"czak", NameTradition::kPolish},
      {"enko", NameTradition::kEastSlavic},  {"chuk", NameTradition::kEastSlavic},
      {"ovich", NameTradition::kEastSlavic}, {"evich", NameTradition::kEastSlavic},
      {"ova", NameTradition::kEastSlavic},   {"eva", NameTradition::kEastSlavic},
      {"ov", NameTradition::kEastSlavic},    {"ev", NameTradition::kEastSlavic},
      {"ovic", NameTradition::kSouthSlavic}, {"evic", NameTradition::kSouthSlavic},
      {"ic", NameTradition::kSouthSlavic},   {"escu", NameTradition::kRomanian},
      {"eanu", NameTradition::kRomanian},    {"opoulos", NameTradition::kGreek},
      {"opoulou", NameTradition::kGreek},    {"akis", NameTradition::kGreek},
      {"idis", NameTradition::kGreek},       {"iadis", NameTradition::kGreek},
      {"oglu", NameTradition::kTurkish},     {"sson", NameTradition::kNordic},
      {"qvist", NameTradition::kNordic},     {"kvist", NameTradition::kNordic},
      {"strom", NameTradition::kNordic},     {"inen", NameTradition::kFinnish},
      {"nen", NameTradition::kFinnish},      {"lainen", NameTradition::kFinnish},
      {"ini", NameTradition::kItalian},      {"elli", NameTradition::kItalian},
      {"etti", NameTradition::kItalian},     {"ucci", NameTradition::kItalian},
      {"otti", NameTradition::kItalian},     {"azzi", NameTradition::kItalian},
      {"eira", NameTradition::kPortuguese},  {"inho", NameTradition::kPortuguese},
      {"eau", NameTradition::kFrench},       {"eaux", NameTradition::kFrench},
      {"ault", NameTradition::kFrench},      {"moto", NameTradition::kJapanese},
      {"mura", NameTradition::kJapanese},    {"kawa", NameTradition::kJapanese},
      {"yama", NameTradition::kJapanese},    {"zawa", NameTradition::kJapanese},
      {"saki", NameTradition::kJapanese},    {"shvili", NameTradition::kUnknown},
      {"zadeh", NameTradition::kPersian},    {"pour", NameTradition::kPersian},
      {"mann", NameTradition::kGerman},      {"meier", NameTradition::kGerman},
      {"bauer", NameTradition::kGerman},     {"huber", NameTradition::kGerman},
      {"bach", NameTradition::kGerman},      {"hausen", NameTradition::kGerman},
      {"dorf", NameTradition::kGerman},      {"heim", NameTradition::kGerman},
      {"stein", NameTradition::kGerman},     {"berger", NameTradition::kGerman},
      {"inger", NameTradition::kGerman},     {"hardt", NameTradition::kGerman},
      {"brecht", NameTradition::kGerman},    {"tz", NameTradition::kGerman},
      {"huis", NameTradition::kDutch},       {"huizen", NameTradition::kDutch},
      {"stra", NameTradition::kDutch},       {"sma", NameTradition::kDutch},
      {"ink", NameTradition::kDutch},        {"ez", NameTradition::kSpanish},
      {"aga", NameTradition::kSpanish},      {"tegui", NameTradition::kSpanish},
      {"egui", NameTradition::kSpanish},     {"etxe", NameTradition::kSpanish},
      {"zabal", NameTradition::kSpanish},    {"ier", NameTradition::kFrench},
      {"oux", NameTradition::kFrench},       {"ois", NameTradition::kFrench},
      {"aud", NameTradition::kFrench},       {"aux", NameTradition::kFrench},
      {"iak", NameTradition::kPolish},       {"iuk", NameTradition::kPolish},
      {"gren", NameTradition::kNordic},      {"lund", NameTradition::kNordic},
      {"blad", NameTradition::kNordic},      {"holm", NameTradition::kNordic},
      {"gaard", NameTradition::kNordic},     {"stad", NameTradition::kNordic},
      {"vik", NameTradition::kNordic},       {"rud", NameTradition::kNordic},
      {"sen", NameTradition::kNordic},
  };
  // Letters of one language (or a few that share a pool) decide before any ending ("Süßebier"
  // is no French "-ier").
  if (Contains(written, "\xc5\x82") || Contains(written, "\xc5\x9b") ||  // ł ś
      Contains(written, "\xc5\xbc") || Contains(written, "\xc4\x85") ||  // ż ą
      Contains(written, "\xc4\x99") || Contains(written, "\xc5\x84"))    // ę ń
    return NameTradition::kPolish;
  if (Contains(written, "\xc5\x91") || Contains(written, "\xc5\xb1"))  // ő ű
    return NameTradition::kHungarian;
  if (Contains(written, "\xc3\xb8") || Contains(written, "\xc3\xa5") ||  // ø å
      Contains(written, "\xc3\xa6"))                                     // æ
    return NameTradition::kNordic;
  if (Contains(written, "\xc4\x9f") || Contains(written, "\xc4\xb1"))  // ğ ı
    return NameTradition::kTurkish;
  if (Contains(written, "\xc4\x83") || Contains(written, "\xc8\x9b") ||  // ă ț
      Contains(written, "\xc8\x99"))                                     // ș
    return NameTradition::kRomanian;
  if (Contains(written, "\xc3\xb1")) return NameTradition::kSpanish;   // ñ
  if (Contains(written, "\xc3\xa3") || Contains(written, "\xc3\xb5"))  // ã õ
    return NameTradition::kPortuguese;
  if (Contains(written, "\xc3\x9f")) return NameTradition::kGerman;    // ß
  if (Contains(written, "\xc5\x9f")) return NameTradition::kTurkish;   // ş (Romanian writes ș)
  if (Contains(written, "\xc4\x91") || Contains(written, "\xc4\x87"))  // đ ć
    return NameTradition::kSouthSlavic;
  if (Contains(written, "\xc5\x99") || Contains(written, "\xc4\x9b") ||      // ř ě
      Contains(written, "\xc5\xaf") || written.ends_with("ov\xc3\xa1") ||    // ů -ová
      written.ends_with("sk\xc3\xbd") || written.ends_with("ck\xc3\xbd") ||  // -ský -cký
      written.ends_with("sk\xc3\xa1") || written.ends_with("ck\xc3\xa1"))    // -ská -cká
    return NameTradition::kCzech;
  // The longest ending that fits decides ("-ovic" before "-ov", "-opoulos" before others).
  size_t best = 0;
  NameTradition tradition = NameTradition::kUnknown;
  for (const Ending& e : kEndings) {
    if (e.tail.size() > best && EndsWith(key, e.tail)) {
      best = e.tail.size();
      tradition = e.tradition;
    }
  }
  // Short endings end English names too ("Dev", "Fritz", "Inez", "Zak", "Derek", "Link"):
  // only after three letters of the name's own.
  if (best <= 3 && key.size() < best + 3) tradition = NameTradition::kUnknown;
  // A Czech or Slovak name writes its "-ová", "-ý", "-ák", "-ík" with an accent: no East Slavic
  // or Polish name ("Nováková", "Dvořák").
  if (written.ends_with("ov\xc3\xa1") || written.ends_with("\xc3\xbd") ||
      written.ends_with("\xc3\xa1k") || written.ends_with("\xc3\xadk"))
    return NameTradition::kCzech;
  if (key.starts_with("ade") || key.starts_with("olu") || key.starts_with("chukwu") ||
      key.starts_with("oluwa") || key.starts_with("ogun"))
    return NameTradition::kWestAfrican;
  if (key.starts_with("al-") || key.starts_with("el-") || key.starts_with("abdul") ||
      key.starts_with("abd-"))
    return NameTradition::kArabic;
  if (key.starts_with("ben-")) return NameTradition::kHebrew;
  if (tradition != NameTradition::kUnknown || best > 0) return tradition;
  if (Contains(written, "\xc3\xa8") || Contains(written, "\xc3\xaa") ||  // è ê
      Contains(written, "\xc3\xab") || Contains(written, "\xc3\xae") ||  // ë î
      Contains(written, "\xc3\xbb"))                                     // û
    return NameTradition::kFrench;
  // "ä" / "ö" / "ü": Turkish beside "ç" ("Gökçe"), Finnish with its doubled letters ("Mäkelä",
  // "Hännikäinen"), else German (Turkish, Hungarian and Nordic names are read by their own letters
  // and endings above).
  const bool umlaut = Contains(written, "\xc3\xa4") || Contains(written, "\xc3\xb6") ||
                      Contains(written, "\xc3\xbc") || Contains(written, "\xc3\x84") ||
                      Contains(written, "\xc3\x96") || Contains(written, "\xc3\x9c");
  if (umlaut && Contains(written, "\xc3\xa7")) return NameTradition::kTurkish;  // ç
  if (umlaut) {
    for (std::string_view twin : {"kk", "tt", "pp", "aa", "ii", "uu", "yy"})
      if (Contains(key, twin)) return NameTradition::kFinnish;
    return Contains(written, "\xc3\xbc") || !EndsWith(key, "la") ? NameTradition::kGerman
                                                                 : NameTradition::kFinnish;
  }
  // Spellings of one language: Dutch "ij" and "aa" ("Dijkstra", "Molenaar"), German "sch" at
  // the start ("Schulte"), Hungarian "sz", "zs", "cs", "gy" at the start ("Szalai", "Gyurcsány").
  if (EndsWith(key, "la")) {  // Finnish "Haapala", "Mattila": a doubled letter before "-la"
    for (std::string_view twin : {"kk", "tt", "pp", "aa", "ii", "uu", "yy"})
      if (Contains(key, twin)) return NameTradition::kFinnish;
  }
  if (key.starts_with("sch")) return NameTradition::kGerman;
  if (Contains(key, "ij") || Contains(key, "aa")) return NameTradition::kDutch;
  if (key.starts_with("sz") || key.starts_with("zs") || key.starts_with("cs") ||
      key.starts_with("gy"))
    return NameTradition::kHungarian;
  return NameTradition::kUnknown;
}

// The tradition of the list that holds `written` (folded: `key`). Written without accents it
// matches a list's accented spelling ("Muller" as "Müller"); written with them, only that
// spelling ("Köster" is no Dutch "Koster").
NameTradition Lookup(const std::unordered_map<std::string, Lists::Entry>& map,
                     const std::string& key, std::string_view written) {
  auto it = map.find(key);
  if (it == map.end() || it->second.tradition == NameTradition::kCount)
    return NameTradition::kUnknown;
  const std::string_view spelling = it->second.spelling;
  const bool ascii = std::all_of(written.begin(), written.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii && !(written.size() == spelling.size() && written.size() > 1 &&
                  written.substr(1) == spelling.substr(1)))
    return NameTradition::kUnknown;
  return it->second.tradition;
}

std::string Draw(const std::vector<std::string_view>& v, Rng& rng) {
  return v.empty() ? std::string() : std::string(v[rng.Below(static_cast<uint32_t>(v.size()))]);
}

}  // namespace

NameTradition TraditionOfWord(std::string_view word, bool family) {
  const Lists& l = GetLists();
  const std::string key = pii::FoldNameToAscii(word);
  if (key.size() < 2) return NameTradition::kUnknown;
  if (family) {
    const NameTradition listed = Lookup(l.family_of, key, word);
    return listed != NameTradition::kUnknown ? listed : FamilyByForm(word, key);
  }
  // A given name of at least 200 US births a year says nothing of its bearer's tradition
  // ("Laura", "David", "Adrian", "Carlos"); the rarer ones do ("Giuseppe", "Łukasz", "Oluwaseun").
  if (IsListedGivenName(key)) return NameTradition::kUnknown;
  return Lookup(l.given_of, key, word);
}

NameTradition TraditionOfName(std::string_view name) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < name.size();) {
    while (i < name.size() && (name[i] == ' ' || name[i] == '\n')) ++i;
    size_t j = i;
    while (j < name.size() && name[j] != ' ' && name[j] != '\n') ++j;
    if (j > i) words.push_back(name.substr(i, j - i));
    i = j;
  }
  if (words.empty()) return NameTradition::kUnknown;
  const Lists& l = GetLists();
  // Turkish letters in any word of the name ("Özger Ergül" by "Kaşif Ergül"'s "ş", "İnönü").
  for (std::string_view turkish : {"\xc4\x9f", "\xc4\xb1", "\xc5\x9f", "\xc4\xb0"})
    if (Contains(name, turkish)) return NameTradition::kTurkish;
  // East Asian names written family name first ("Nguyen Van Minh", "Wang Wei", "Kim Min-jun").
  if (words.size() > 1) {
    const NameTradition first = Lookup(l.family_of, pii::FoldNameToAscii(words[0]), words[0]);
    if (first == NameTradition::kVietnamese || first == NameTradition::kChinese ||
        first == NameTradition::kKorean)
      return first;
  }
  size_t family = words.size() - 1;
  for (size_t k = 0; k + 1 < words.size(); ++k) {
    if (words[k].ends_with(",")) {
      family = k;
      break;
    }
    const std::string key = AsciiLowered(words[k]);
    if (k > 0 && (key == "van" || key == "ter" || key == "ten")) return NameTradition::kDutch;
    // "son of" / "daughter of" of Arabic (and Malay) names: "Abdullah bin Khalid".
    if (k > 0 && (key == "bin" || key == "binti" || key == "ibn" || key == "bint"))
      return NameTradition::kArabic;
  }
  std::string_view family_word = words[family];
  while (!family_word.empty() && (family_word.back() == ',' || family_word.back() == '.'))
    family_word.remove_suffix(1);
  // A possessive is no part of the name ("Kowalski's").
  if (family_word.ends_with("'s")) family_word.remove_suffix(2);
  // A name of one word is read as a family name too ("Herr Müller", "Pan Kowalski"), unless
  // it is a common given name ("Kim", "Laura").
  if (words.size() > 1 || !IsListedGivenName(pii::FoldNameToAscii(family_word))) {
    const NameTradition t = TraditionOfWord(family_word, true);
    if (t != NameTradition::kUnknown) return t;
  }
  // Else the given names, when those the lists know agree.
  NameTradition given = NameTradition::kUnknown;
  // (The last word too: a name written family name first ends in a given name, "Lee Seo-yeon".
  // Not a particle in lower case: "bin" of "Abdullah bin Khalid" is no Chinese "Bin".)
  for (size_t k = 0; k < words.size(); ++k) {
    if (!words[k].empty() && words[k][0] >= 'a' && words[k][0] <= 'z' && words.size() > 1 &&
        pii::IsParticle(words[k]))
      continue;
    const NameTradition t = TraditionOfWord(words[k], false);
    if (t == NameTradition::kUnknown) continue;
    if (given != NameTradition::kUnknown && given != t) return NameTradition::kUnknown;
    given = t;
  }
  return given;
}

std::string DrawGivenNameOf(NameTradition tradition, int female, Rng& rng) {
  if (tradition == NameTradition::kUnknown || tradition == NameTradition::kCount) return {};
  const Lists& l = GetLists();
  const size_t t = static_cast<size_t>(tradition);
  if (female < 0) female = static_cast<int>(rng.Below(2));
  return Draw(female ? l.female[t] : l.male[t], rng);
}

int GenderInTraditionLists(std::string_view word) {
  const Lists& l = GetLists();
  auto it = l.gender_of.find(pii::FoldNameToAscii(word));
  return it == l.gender_of.end() ? -1 : it->second;
}

std::string DrawFamilyNameLike(NameTradition tradition, std::string_view original_key, Rng& rng) {
  if (tradition == NameTradition::kUnknown || tradition == NameTradition::kCount) return {};
  const std::vector<std::string_view>& pool = GetLists().family[static_cast<size_t>(tradition)];
  // Whether a name's form agrees with its bearer's sex, in the traditions where forms do.
  auto gendered = [&](std::string_view n) {
    switch (tradition) {
      case NameTradition::kPolish:
        return HasEnding(n, "ski") || HasEnding(n, "cki") || HasEnding(n, "ska") ||
               HasEnding(n, "cka");
      case NameTradition::kEastSlavic:
        return HasEnding(n, "ov") || HasEnding(n, "ev") || HasEnding(n, "in") ||
               HasEnding(n, "ova") || HasEnding(n, "eva") || HasEnding(n, "ina");
      default:
        return true;  // every name of the list may stand for every original
    }
  };
  if (gendered(original_key) ||
      (tradition != NameTradition::kPolish && tradition != NameTradition::kEastSlavic))
    return InflectFamilyName(tradition, Draw(pool, rng), original_key);
  // A name a woman and a man share ("Kowalczyk", "Shevchenko"): one of the same kind.
  for (int attempt = 0; attempt < 32; ++attempt) {
    std::string drawn = Draw(pool, rng);
    if (!gendered(pii::FoldNameToAscii(drawn))) return drawn;
  }
  return Draw(pool, rng);
}

std::string DrawFamilyNameOf(NameTradition tradition, Rng& rng) {
  if (tradition == NameTradition::kUnknown || tradition == NameTradition::kCount) return {};
  return Draw(GetLists().family[static_cast<size_t>(tradition)], rng);
}

std::string InflectFamilyName(NameTradition tradition, std::string drawn,
                              std::string_view original_key) {
  auto swap_tail = [&](std::string_view from, std::string_view to) {
    if (!HasEnding(drawn, from)) return false;
    drawn.replace(drawn.size() - from.size(), from.size(), to);
    return true;
  };
  switch (tradition) {
    case NameTradition::kPolish:
      // A woman's "-ska", "-cka", "-dzka" (a man's "-ski" ...); other names do not change.
      if (HasEnding(original_key, "ska") || HasEnding(original_key, "cka") ||
          HasEnding(original_key, "dzka")) {
        swap_tail("ski", "ska") || swap_tail("cki", "cka");
      }
      break;
    case NameTradition::kEastSlavic:
      // "-ova", "-eva", "-ina" (a man's "-ov", "-ev", "-in"); Ukrainian "-enko", "-chuk" do not
      // change.
      if (HasEnding(original_key, "ova") || HasEnding(original_key, "eva") ||
          HasEnding(original_key, "ina")) {
        if (HasEnding(drawn, "ov") || HasEnding(drawn, "ev") || HasEnding(drawn, "in"))
          drawn.push_back('a');
      }
      break;
    case NameTradition::kCzech:
      // "-ová" ("Novák" -> "Nováková", "Svoboda" -> "Svobodová"); an adjective's "-á"
      // ("Novotný" -> "Novotná", "Černý" -> "Černá").
      if (HasEnding(original_key, "ova") || HasEnding(original_key, "ska") ||
          HasEnding(original_key, "cka") ||
          (HasEnding(original_key, "a") && !HasEnding(original_key, "ka"))) {
        if (swap_tail("\xc3\xbd", "\xc3\xa1")) break;  // ý -> á
        if (HasEnding(drawn, "\xc3\xa1") || HasEnding(drawn, "ov\xc3\xa1")) break;
        if (HasEnding(drawn, "a") || HasEnding(drawn, "e")) drawn.pop_back();
        drawn += "ov\xc3\xa1";
      }
      break;
    case NameTradition::kGreek:
      // A woman's genitive "-ou", "-i", "-a" ("Papadopoulou", "Karagianni", "Pappa").
      if (HasEnding(original_key, "ou") || HasEnding(original_key, "aki") ||
          HasEnding(original_key, "idi")) {
        swap_tail("os", "ou") || swap_tail("is", "i") || swap_tail("as", "a");
      }
      break;
    default:
      break;
  }
  return drawn;
}

NameTradition FamilyListOf(std::string_view name) {
  return Lookup(GetLists().family_of, pii::FoldNameToAscii(name), name);
}

std::string_view TraditionName(NameTradition tradition) {
  for (const Pool& p : kPools)
    if (p.tradition == tradition) return p.name;
  return "unknown";
}

}  // namespace refinery::anon
